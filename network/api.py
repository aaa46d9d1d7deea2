"""The public JSON API (Wagtail API v2).

Only publicly listed content is served: the pages endpoint hides every organization
that is not public, whoever asks, because API responses are cached and shared. There
is no images or documents endpoint: their titles could name a hidden organization.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from campaigns.models import ResourcePage
from members.models import MemberOrganizationPage


class PublicPagesAPIViewSet(PagesAPIViewSet):
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
