# One module per model family; import every model here so Django finds them.
from campaigns.models.sections import CalendarPage, CampaignIndexPage

from campaigns.models.campaigns import (  # isort: skip
    CampaignIssueArea,
    CampaignOrganization,
    CampaignPage,
    CampaignStatus,
    CampaignUpdate,
)
from campaigns.models.signons import SignOn, SignOnStatus  # isort: skip
from campaigns.models.pledges import Pledge  # isort: skip
from campaigns.models.events import Event, EventIssueArea, EventKind  # isort: skip

__all__ = [
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
    "Pledge",
    "SignOn",
    "SignOnStatus",
]
