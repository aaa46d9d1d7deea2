"""What the models that hold a place (an organization, an application) share: the
check that a state or region belongs to its country, and the place's names in the
reader's language, for pages, search and the API."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.geography import (
    country_name,
    country_search_text,
    is_subdivision,
    subdivision_country,
    subdivision_name,
    subdivision_search_text,
)


def check_subdivision(code, country):
    """None when `code` is blank or one of `country`'s states or regions; else
    the message saying what to choose."""
    if not code:
        return None
    if not is_subdivision(code):
        return ValidationError(
            _("Choose your state or region from the list."), code="unknown_subdivision"
        )
    if subdivision_country(code) != str(country):
        return ValidationError(
            _(
                "%(subdivision)s is not in %(country)s. Choose a state or region of "
                "%(country)s from the list."
            ),
            params={
                "subdivision": subdivision_name(code),
                "country": country_name(country) or _("the country you chose"),
            },
            code="subdivision_of_another_country",
        )
    return None


class PlaceNames:
    """For a model with `city`, `country` and `subdivision` fields."""

    def check_place(self):
        return check_subdivision(self.subdivision, self.country)

    @property
    def country_name(self):
        return country_name(self.country)

    @property
    def subdivision_name(self):
        return subdivision_name(self.subdivision)

    def place_search_text(self):
        """What finds the organization by its place in search, on both backends:
        "TX" and "Texas", "CDMX" and "Ciudad de México", "Mexico"
        (members.geography). Not the text first written, which is not a place."""
        return " ".join(
            part
            for part in (
                subdivision_search_text(self.subdivision),
                country_search_text(self.country),
            )
            if part
        )

    @property
    def place_for_api(self):
        """The place by its codes and its names (in the request's language)."""
        return {
            "city": self.city,
            "subdivision": {"code": self.subdivision, "name": self.subdivision_name}
            if self.subdivision
            else None,
            "country": {"code": str(self.country), "name": self.country_name},
        }
