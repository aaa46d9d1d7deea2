from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class RightsCategory(models.TextChoices):
    CIVIL_POLITICAL = "civil-political", _("Civil and political rights")
    ECONOMIC_SOCIAL = "economic-social", _("Economic and social rights")
    CULTURAL = "cultural", _("Cultural rights")
    CROSS_CUTTING = "cross-cutting", _("Cross-cutting")


class IssueArea(index.Indexed, TagBase):
    """The one shared taxonomy: organizations, campaigns and board threads all tag
    with it, each through its own ItemBase model, so one issue area links them."""

    # Members cannot invent new issue areas by typing; coordinators curate the list.
    free_tagging = False

    description = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("One line that says what the issue area covers."),
    )
    rights_category = models.CharField(
        max_length=20,
        choices=RightsCategory.choices,
        default=RightsCategory.CROSS_CUTTING,
        help_text=_("Groups the issue areas on the issues page."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("rights_category"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("issue area")
        verbose_name_plural = _("issue areas")
        ordering = ["name"]

    def get_absolute_url(self):
        return f"/issues/{self.slug}/"


class Approach(models.Model):
    """How an organization works: litigation, grassroots organizing, research…"""

    name = models.CharField(max_length=80, unique=True, help_text=_("Plain name."))
    slug = models.SlugField(max_length=80, unique=True, help_text=_("Used in URLs."))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("approach")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Population(models.Model):
    """Who an organization serves: immigrants and refugees, workers, children…"""

    name = models.CharField(max_length=80, unique=True, help_text=_("Plain name."))
    slug = models.SlugField(max_length=80, unique=True, help_text=_("Used in URLs."))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("population served")
        verbose_name_plural = _("populations served")
        ordering = ["name"]

    def __str__(self):
        return self.name
