"""What a list says back about its address, worded once for every list (the
directory, the library, complementary partners, the site search): the page asked
for, and any value shown back in a notice."""

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.facets.words import without_control_characters
from home.validation import MAX_ID, parse_bounded_int

# A value from the address is shown back cut to this many characters.
SHOWN_LENGTH = 40


def shown_back(value):
    """A value from the address as a notice may show it (the template escapes
    it): without control characters, and cut to SHOWN_LENGTH characters."""
    return Truncator(without_control_characters(value or "")).chars(SHOWN_LENGTH)


def read_page(raw):
    """(number, refused) for ?page=: the page asked for, or 1 when none is or the
    value is no page number (not ASCII digits, below 1, too large), and then
    that value, for `page_notice` to say so."""
    number = parse_bounded_int(raw, 1, MAX_ID)
    return number or 1, ("" if number or not raw else raw)


def page_notice(number, refused, num_pages):
    """What to say when the page shown is not the page asked for (`read_page`'s
    answer; a page past the end shows the last), or None."""
    if refused:
        return _("“%(page)s” is not a page number, so this is the first page.") % {
            "page": shown_back(refused)
        }
    if number > num_pages:
        return ngettext(
            "There is only %(n)d page of results, so this is it.",
            "There are only %(n)d pages of results, so this is the last.",
            num_pages,
        ) % {"n": num_pages}
    return None
