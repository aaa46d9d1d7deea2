"""The choices an organization's profile and its application share: who may see
it (Visibility), how far its work reaches (Scope) and its standing in the network
(MembershipStatus)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can see our profile")
    MEMBERS = "members", _("Members only: only signed-in network members see it")
    HIDDEN = "hidden", _("Hidden: only our own staff and the network's coordinators")


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    STATE = "state", _("State")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    SUSPENDED = "suspended", _("Suspended")
