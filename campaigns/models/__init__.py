# One module per model family; import every model here so Django finds them.
from campaigns.models.sections import CalendarPage, CampaignIndexPage

__all__ = ["CalendarPage", "CampaignIndexPage"]
