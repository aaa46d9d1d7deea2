from django.core.files import File
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFileDescriptor
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    get_rendition_storage,
    get_rendition_upload_to,
    get_upload_to,
)
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.images import CleanImageFile, reencode_without_metadata


class ReencodingFileDescriptor(ImageFileDescriptor):
    """A new file given to a SiteImage is re-encoded the moment it is assigned,
    before Django or Wagtail open it to measure it (with Willow, which fails on
    some files Pillow reads, such as an APNG) and before anything is stored. An
    unusable file raises ValidationError with a message for the uploader."""

    def __set__(self, instance, value):
        if isinstance(value, File) and not isinstance(
            value, FieldFile | CleanImageFile
        ):
            value = reencode_without_metadata(value)
        super().__set__(instance, value)


class SiteImageField(WagtailImageField):
    descriptor_class = ReencodingFileDescriptor


class SiteImage(AbstractImage):
    """Wagtail's image, holding nothing but pixels: every original is re-encoded
    on upload (EXIF, GPS, comments, colour profiles, XMP and text chunks dropped,
    animations flattened) and stored under the extension of the format written,
    so its renditions carry nothing either."""

    focal_point_x = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("focal point x")
    )
    focal_point_y = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("focal point y")
    )
    focal_point_width = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("focal point width")
    )
    focal_point_height = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("focal point height")
    )
    file_size = models.PositiveIntegerField(
        null=True, editable=False, verbose_name=_("file size")
    )
    file_hash = models.CharField(
        max_length=40,
        blank=True,
        editable=False,
        db_index=True,
        verbose_name=_("file fingerprint"),
    )

    file = SiteImageField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
    )

    admin_form_fields = Image.admin_form_fields

    def _set_image_file_metadata(self):
        # A file not yet stored came through the descriptor, re-encoded. One
        # already stored did not: Wagtail's multiple uploader, finishing an upload
        # it held back, writes the raw file and then calls this. Re-encode it and
        # delete the raw copy, so nothing unprocessed stays under the media root.
        if self.file._committed:
            raw_name = self.file.name
            with self.file.open("rb") as raw:
                self.file = reencode_without_metadata(raw, raw_name)
            self.file.storage.delete(raw_name)
        super()._set_image_file_metadata()

    def save(self, *args, **kwargs):
        # Images made in code (the profile form, the demo, factories) never pass
        # through Wagtail's form, which measures the file; do it here.
        if self.file and not self.file._committed:
            super()._set_image_file_metadata()
        super().save(*args, **kwargs)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class SiteRendition(AbstractRendition):
    filter_spec = models.CharField(
        max_length=255, db_index=True, verbose_name=_("filter")
    )
    file = WagtailImageField(
        upload_to=get_rendition_upload_to,
        storage=get_rendition_storage,
        width_field="width",
        height_field="height",
        verbose_name=_("file"),
    )
    width = models.IntegerField(editable=False, verbose_name=_("width"))
    height = models.IntegerField(editable=False, verbose_name=_("height"))
    focal_point_key = models.CharField(
        max_length=16,
        blank=True,
        default="",
        editable=False,
        verbose_name=_("focal point key"),
    )

    image = models.ForeignKey(
        SiteImage,
        on_delete=models.CASCADE,
        related_name="renditions",
        verbose_name=_("image"),
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
        verbose_name = _("image rendition")
        verbose_name_plural = _("image renditions")


class HomePage(Page):
    introduction = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("One or two sentences under the network's name at the top."),
        verbose_name=_("introduction"),
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text=_("The rest of the home page: principles, numbers, calls to action."),
        verbose_name=_("body"),
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
        verbose_name_plural = _("home pages")


@register_setting(icon="site")
class NetworkSettings(BaseGenericSetting, ClusterableModel):
    """Who the network is, shown in the header, footer and home page."""

    name = models.CharField(
        max_length=120,
        default="Common Ground",
        help_text=_("The network's name, shown in the header and page titles."),
        verbose_name=_("network name"),
    )
    tagline = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("A short line under the name, e.g. what the network is for."),
        verbose_name=_("tagline"),
    )
    contact_email = models.EmailField(
        blank=True,
        help_text=_("The address the public can write to."),
        verbose_name=_("contact email"),
    )
    mailing_address = models.TextField(
        blank=True,
        max_length=400,
        help_text=_("Optional. A postal address or P.O. box for the network itself."),
        verbose_name=_("mailing address"),
    )
    principles_intro = models.TextField(
        blank=True,
        max_length=600,
        help_text=_("A sentence introducing the principles members share."),
        verbose_name=_("principles introduction"),
    )
    member_edits_need_review = models.BooleanField(
        default=True,
        help_text=_(
            "When on, changes members make to their own profile wait for a "
            "coordinator's review before they go live."
        ),
        verbose_name=_("member edits need review"),
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
        verbose_name_plural = _("network settings")


class NetworkPrinciple(Orderable):
    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    settings = ParentalKey(
        NetworkSettings,
        on_delete=models.CASCADE,
        related_name="principles",
        verbose_name=_("network settings"),
    )
    title = models.CharField(
        max_length=120, help_text=_("The principle in brief."), verbose_name=_("title")
    )
    text = models.TextField(
        max_length=600,
        blank=True,
        help_text=_("A sentence or two explaining it."),
        verbose_name=_("text"),
    )

    panels = [FieldPanel("title"), FieldPanel("text")]

    def __str__(self):
        return self.title

    class Meta(Orderable.Meta):
        verbose_name = _("network principle")
        verbose_name_plural = _("network principles")


class SocialLink(Orderable):
    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, verbose_name=_("order")
    )

    settings = ParentalKey(
        NetworkSettings,
        on_delete=models.CASCADE,
        related_name="social_links",
        verbose_name=_("network settings"),
    )
    label = models.CharField(
        max_length=60,
        help_text=_("The service's name, e.g. 'Mastodon'."),
        verbose_name=_("label"),
    )
    url = models.URLField(
        help_text=_("The full address of the network's profile."),
        verbose_name=_("web address"),
    )

    panels = [FieldPanel("label"), FieldPanel("url")]

    def __str__(self):
        return self.label

    class Meta(Orderable.Meta):
        verbose_name = _("social link")
        verbose_name_plural = _("social links")
