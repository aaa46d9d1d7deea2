"""Blocks for campaign bodies: the shared ones plus a link to a document."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from home.blocks import BaseStreamBlock, StatisticBlock


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        help_text=_(
            "A report, submission or toolkit uploaded to the documents library."
        )
    )
    label = blocks.CharBlock(
        required=False,
        max_length=160,
        help_text=_("The link's words; the document's title is used if empty."),
    )
    description = blocks.CharBlock(
        required=False,
        max_length=300,
        help_text=_(
            "One line on what the document is, e.g. 'Shadow report, 24 pages'."
        ),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        description = _("A link to download a document, with what it is.")


class CampaignStreamBlock(BaseStreamBlock):
    """A campaign's body: the shared blocks, one statistic on its own, documents."""

    statistic = StatisticBlock(template="blocks/single_statistic_block.html")
    document_link = DocumentLinkBlock()
