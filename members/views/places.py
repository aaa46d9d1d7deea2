"""/places/<country>/: a country's states or regions as JSON, for the script that
narrows the subdivision select when the country changes (static/js/places.js).
Public reference data from pycountry: no database, the same for everyone."""

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries import countries

from members.geography import country_name, subdivisions_of


@require_GET
def subdivisions(request, country):
    country = country.upper()
    if country not in countries:
        return JsonResponse({"error": _("No country has this code.")}, status=404)
    response = JsonResponse(
        {
            "country": country,
            "name": country_name(country),
            "subdivisions": subdivisions_of(country),
        }
    )
    # Varies only with the language (LocaleMiddleware adds Vary: Accept-Language).
    patch_cache_control(response, public=True, max_age=86400)
    return response
