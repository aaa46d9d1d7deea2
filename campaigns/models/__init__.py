# One module per model family; import every model here so Django finds them.
from campaigns.models.news import NewsIndexPage, NewsIssueArea, NewsPage
from campaigns.models.resources import (
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
from campaigns.models.sections import CalendarPage, CampaignIndexPage

__all__ = [
    "LANGUAGE_CHOICES",
    "CalendarPage",
    "CampaignIndexPage",
    "NewsIndexPage",
    "NewsIssueArea",
    "NewsPage",
    "ResourceCoSigner",
    "ResourceContributor",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourceIssueArea",
    "ResourceKind",
    "ResourceLink",
    "ResourcePage",
    "ResourceVisibility",
    "TreatyBody",
    "UNMechanism",
]
