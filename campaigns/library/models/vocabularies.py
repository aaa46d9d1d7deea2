"""The controlled lists a resource is described with: its kind, who may see it,
its language, and for UN submissions the mechanism and treaty body."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", _("Toolkit")
    REPORT = "report", _("Report")
    TRAINING = "training", _("Training material")
    MODEL_POLICY = "model-policy", _("Model policy")
    UN_SUBMISSION = "un-submission", _("UN submission")
    FACT_SHEET = "fact-sheet", _("Fact sheet")
    RECORDING = "recording", _("Recording")


class ResourceVisibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone can find and read it")
    MEMBERS = "members", _("Members only: signed-in network members only")


# Languages members publish in most; ISO 639-1 codes.
LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ht", _("Haitian Creole")),
    ("zh", _("Chinese")),
    ("vi", _("Vietnamese")),
    ("ko", _("Korean")),
    ("tl", _("Tagalog")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("pt", _("Portuguese")),
    ("nv", _("Navajo")),
    ("other", _("Another language")),
]
LANGUAGE_NAMES = dict(LANGUAGE_CHOICES)


class UNMechanism(models.TextChoices):
    UPR = "upr", _("Universal Periodic Review")
    TREATY_BODY = "treaty-body", _("Treaty body")
    SPECIAL_PROCEDURE = "special-procedure", _("Special procedure")


class TreatyBody(models.TextChoices):
    CCPR = "ccpr", _("Human Rights Committee (ICCPR)")
    CESCR = "cescr", _("Committee on Economic, Social and Cultural Rights")
    CERD = "cerd", _("Committee on the Elimination of Racial Discrimination")
    CAT = "cat", _("Committee against Torture")
    CEDAW = "cedaw", _("Committee on the Elimination of Discrimination against Women")
    CRC = "crc", _("Committee on the Rights of the Child")
    CRPD = "crpd", _("Committee on the Rights of Persons with Disabilities")
    CMW = "cmw", _("Committee on Migrant Workers")
    CED = "ced", _("Committee on Enforced Disappearances")
