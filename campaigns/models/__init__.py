# One module per model family; import every model here so Django finds them.
from campaigns.models.sections import CalendarPage, CampaignIndexPage

from campaigns.models.campaign_relations import (  # isort: skip
    CampaignIssueArea,
    CampaignOrganization,
    CampaignUpdate,
)
from campaigns.models.campaigns import CampaignPage, CampaignStatus  # isort: skip
from campaigns.models.signons import SignOn, SignOnStatus  # isort: skip
from campaigns.models.pledges import PendingPledge, Pledge  # isort: skip
from campaigns.models.events import Event, EventIssueArea, EventKind  # isort: skip
from campaigns.news.models import NewsIndexPage, NewsIssueArea, NewsPage  # isort: skip
from campaigns.library.models import (  # isort: skip
    LANGUAGE_CHOICES,
    ResourceContributor,
    ResourceCoSigner,
    ResourceDocument,
    ResourceIndexPage,
    ResourceIssueArea,
    ResourceKind,
    ResourceLink,
    ResourcePage,
    ResourceVisibility,
    TreatyBody,
    UNMechanism,
)

__all__ = [
    "LANGUAGE_CHOICES",
    "CalendarPage",
    "CampaignIndexPage",
    "CampaignIssueArea",
    "CampaignOrganization",
    "CampaignPage",
    "CampaignStatus",
    "CampaignUpdate",
    "Event",
    "EventIssueArea",
    "EventKind",
    "NewsIndexPage",
    "NewsIssueArea",
    "NewsPage",
    "PendingPledge",
    "Pledge",
    "ResourceCoSigner",
    "ResourceContributor",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourceIssueArea",
    "ResourceKind",
    "ResourceLink",
    "ResourcePage",
    "ResourceVisibility",
    "SignOn",
    "SignOnStatus",
    "TreatyBody",
    "UNMechanism",
]
