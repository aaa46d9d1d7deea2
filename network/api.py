"""The public JSON API (Wagtail API v2).

Only publicly listed content is served: the pages endpoint hides every organization
that is not public, whoever asks, because API responses are cached and shared. There
is no images or documents endpoint: their titles could name a hidden organization.

Query parameters are checked before Wagtail reads them: Wagtail turns them into
numbers with int() (any length, any Unicode digit) and hands text straight to the
database, so `?offset=99999999999999999999` overflowed and `?search=%00` made the
database refuse the query, both as 500s. They are now a 400 with a message.
"""

from types import SimpleNamespace

from django.urls import path
from rest_framework.fields import Field
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from campaigns.models import ResourcePage
from home.facets import search_words
from home.links import page_url
from home.validation import MAX_ID, parse_bounded_int, parse_id
from members.models import MemberOrganizationPage

# Page ids; "root" is Wagtail's name for the site's root where it accepts one.
ID_PARAMETERS = {
    "id": False,
    "child_of": True,
    "descendant_of": True,
    "ancestor_of": False,
    "translation_of": True,
}
COUNT_PARAMETERS = ("offset", "limit")
MAX_SEARCH_LENGTH = 200
MAX_VALUE_LENGTH = 1000


def check_query_values(params):
    """Raise BadRequestError for a value Wagtail or the database cannot take."""
    for name, values in params.lists():
        for value in values:
            if any(ord(character) < 32 or ord(character) == 127 for character in value):
                raise BadRequestError(f"{name} must not contain control characters")
            if len(value) > MAX_VALUE_LENGTH:
                raise BadRequestError(f"{name} is too long")
        value = values[-1]  # what Wagtail reads (QueryDict.get / [])
        if name in ID_PARAMETERS:
            if not (value == "root" and ID_PARAMETERS[name]) and not parse_id(value):
                raise BadRequestError(f"{name} must be a page id")
        elif name in COUNT_PARAMETERS:
            if parse_bounded_int(value, 0, MAX_ID // 2) is None:
                raise BadRequestError(f"{name} must be a positive integer")
        elif name == "search" and len(value) > MAX_SEARCH_LENGTH:
            raise BadRequestError(
                f"search must be at most {MAX_SEARCH_LENGTH} characters"
            )


class WordsSearchFilter(SearchFilter):
    """Wagtail's search, given only the words of the query, as the directory does:
    a lone or unbalanced quote, or nothing but spaces, made its query parser build
    an empty full-text query that the backend could not compile."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        terms = search_words(request.GET["search"])
        if not terms:
            return queryset.none()
        params = request.GET.copy()
        params["search"] = terms
        return super().filter_queryset(SimpleNamespace(GET=params), queryset, view)


class PageAddressField(Field):
    """A page's html_url at the address the site is served at (home.links), as
    detail_url is (WAGTAILAPI_BASE_URL), not at the Site record's host."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return page_url(page)


class PublicPageSerializer(PageSerializer):
    html_url = PageAddressField(read_only=True)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    filter_backends = [
        WordsSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    @classmethod
    def get_urlpatterns(cls):
        # Wagtail's own, with the project's bounded id converter (home.converters).
        return [
            path(
                str(pattern.pattern).replace("<int:", "<id:"),
                pattern.callback,
                name=pattern.name,
            )
            for pattern in super().get_urlpatterns()
        ]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Inside dispatch's error handling: BadRequestError answers 400.
        check_query_values(request.GET)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        not_public_orgs = MemberOrganizationPage.objects.exclude(
            pk__in=MemberOrganizationPage.objects.publicly_listed().values("pk")
        ).values("pk")
        # Members-only and draft resources likewise never reach the API.
        not_public_resources = ResourcePage.objects.exclude(
            pk__in=ResourcePage.objects.publicly_listed().values("pk")
        ).values("pk")
        return queryset.exclude(pk__in=not_public_orgs).exclude(
            pk__in=not_public_resources
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
