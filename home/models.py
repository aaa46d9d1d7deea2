from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.images import reencode_without_metadata


class SiteImage(AbstractImage):
    """Wagtail's image, re-encoded on upload so no file keeps EXIF or GPS data."""

    admin_form_fields = Image.admin_form_fields

    def _set_image_file_metadata(self):
        # Called by Wagtail's upload forms before saving: strip, then measure.
        self.strip_metadata()
        super()._set_image_file_metadata()

    def save(self, *args, **kwargs):
        # Covers images made in code (front-end forms, the demo, factories).
        if self.file and not getattr(self.file, "_committed", True):
            self.strip_metadata()
            super()._set_image_file_metadata()
        super().save(*args, **kwargs)

    def strip_metadata(self):
        if getattr(self, "_metadata_stripped", False):
            return
        name = self.file.name
        content, (self.width, self.height) = reencode_without_metadata(self.file)
        content.name = name
        self.file = content
        self._metadata_stripped = True


class SiteRendition(AbstractRendition):
    image = models.ForeignKey(
        SiteImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class HomePage(Page):
    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("One or two sentences under the network's name at the top."),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text=_("The rest of the home page: principles, numbers, calls to action."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="site")
class NetworkSettings(BaseGenericSetting, ClusterableModel):
    """Who the network is, shown in the header, footer and home page."""

    name = models.CharField(
        max_length=120,
        default="Common Ground",
        help_text=_("The network's name, shown in the header and page titles."),
    )
    tagline = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("A short line under the name, e.g. what the network is for."),
    )
    contact_email = models.EmailField(
        blank=True, help_text=_("The address the public can write to.")
    )
    mailing_address = models.TextField(
        blank=True,
        max_length=400,
        help_text=_("Optional. A postal address or P.O. box for the network itself."),
    )
    principles_intro = models.TextField(
        blank=True,
        max_length=600,
        help_text=_("A sentence introducing the principles members share."),
    )
    member_edits_need_review = models.BooleanField(
        default=True,
        help_text=_(
            "When on, changes members make to their own profile wait for a "
            "coordinator's review before they go live."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("tagline")], heading=_("Identity")
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("mailing_address"),
                InlinePanel("social_links", label=_("Social links")),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("principles_intro"),
                InlinePanel("principles", label=_("Principles")),
            ],
            heading=_("Principles"),
        ),
        FieldPanel("member_edits_need_review"),
    ]

    class Meta:
        verbose_name = _("network settings")


class NetworkPrinciple(Orderable):
    settings = ParentalKey(
        NetworkSettings, on_delete=models.CASCADE, related_name="principles"
    )
    title = models.CharField(max_length=120, help_text=_("The principle in brief."))
    text = models.TextField(
        max_length=600, blank=True, help_text=_("A sentence or two explaining it.")
    )

    panels = [FieldPanel("title"), FieldPanel("text")]

    def __str__(self):
        return self.title


class SocialLink(Orderable):
    settings = ParentalKey(
        NetworkSettings, on_delete=models.CASCADE, related_name="social_links"
    )
    label = models.CharField(
        max_length=60, help_text=_("The service's name, e.g. 'Mastodon'.")
    )
    url = models.URLField(help_text=_("The full address of the network's profile."))

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label
