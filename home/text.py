"""Plain text from people's forms to stored HTML paragraphs and back.

Members type plain text; a resource's body (a StreamField of rich text) stores
HTML. Both directions live here so that a text survives any number of edits
unchanged: paragraphs are split at blank lines whatever the line endings (browsers
send \\r\\n), and entities are unescaped on the way back (or "Tom & Jerry" would
grow an &amp; per save).
"""

import html
import re

from django.utils.html import escape, strip_tags

BLANK_LINE = re.compile(r"\n\s*\n")
PARAGRAPH_END = re.compile(r"</p>|<br\s*/?>|</li>")


def text_paragraphs(text):
    """The paragraphs of a plain text, each with its spaces collapsed."""
    parts = BLANK_LINE.split((text or "").replace("\r\n", "\n").replace("\r", "\n"))
    return [" ".join(part.split()) for part in parts if part.strip()]


def text_to_html(text):
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in text_paragraphs(text))


def html_to_text(source):
    """The plain text of stored HTML, a blank line between paragraphs."""
    parts = (
        " ".join(html.unescape(strip_tags(part)).split())
        for part in PARAGRAPH_END.split(source or "")
    )
    return "\n\n".join(part for part in parts if part)
