"""StreamField blocks shared by every app's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text=_("The heading's words."))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subheading"))],
        default="h2",
        help_text=_("Use section headings for main parts, subheadings inside them."),
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = _("A heading that structures the page for every reader.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, help_text=_("The words quoted."))
    attribution = blocks.CharBlock(
        required=False,
        max_length=160,
        help_text=_("Who said it, e.g. 'Director, a member organization'."),
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = _("A quotation with who said it.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, help_text=_("What we ask people to do."))
    text = blocks.TextBlock(
        required=False, max_length=400, help_text=_("One or two sentences of why.")
    )
    page = blocks.PageChooserBlock(
        required=False, help_text=_("A page on this site to send people to.")
    )
    url = blocks.URLBlock(
        required=False, help_text=_("Or an address elsewhere, if no page is chosen.")
    )
    button_label = blocks.CharBlock(
        max_length=40, default=_("Take action"), help_text=_("The button's words.")
    )

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        description = _("A highlighted request with one button.")


class StatisticBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=24, help_text=_("The number, e.g. '190+'."))
    label = blocks.CharBlock(
        max_length=120, help_text=_("What it counts, e.g. 'member organizations'.")
    )

    class Meta:
        icon = "order"
        template = "blocks/statistic_block.html"
        description = _("One number that tells the story, with its label.")


class StatisticsBlock(blocks.StructBlock):
    statistics = blocks.ListBlock(StatisticBlock(), min_num=1, max_num=6)

    class Meta:
        icon = "table"
        template = "blocks/statistics_block.html"
        description = _("A row of up to six key numbers.")


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks every page type offers; apps extend it with their own."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        description=_("Text with links and lists."),
    )
    image = ImageBlock(
        template="blocks/image_block.html",
        description=_("An image with its alternative text for screen readers."),
    )
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    statistics = StatisticsBlock()
