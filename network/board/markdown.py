"""Post bodies: Markdown in, sanitized HTML out.

markdown-it-py renders CommonMark with raw HTML switched off; nh3 then keeps only
the tags, attributes and URL schemes listed here, so a post can never carry script,
event handlers, `javascript:` or `data:` links. Every link gets
rel="nofollow noopener". `@org-slug` mentions become links when they name an
organization the author may mention; `@~username` mentions become a styled span
with the person's name when they name someone the author may mention
(network.board.mentions).
"""

import re

import nh3
from markdown_it import MarkdownIt

MENTION = re.compile(r"(?<![\w@/.])@([a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?)\b")
# `@~username`: Django's username characters, ending on a letter, digit or _ so
# that a full stop after a mention is not read as part of it.
PERSON_MENTION = re.compile(r"(?<![\w@/.~])@~([\w.@+-]{0,149}\w)")

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_CLASSES = {"a": {"mention"}, "span": {"mention", "mention--person"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _person_mention(state, silent, position):
    """`@~username` becomes a span with the person's name when the username is in
    env["people"] (username → name); otherwise it stays as typed."""
    match = PERSON_MENTION.match(state.src, position)
    if not match:
        return False
    name = (state.env.get("people") or {}).get(match.group(1))
    if name is None:
        return False
    if not silent:
        token = state.push("mention_open", "span", 1)
        token.attrs = {"class": "mention mention--person"}
        text = state.push("text", "", 0)
        text.content = f"@{name}"
        state.push("mention_close", "span", -1)
    state.pos = match.end()
    return True


def _mention_rule(state, silent):
    """Inline rule: `@slug` becomes a link when the slug is in env["mentions"];
    `@~username` a person's name when it is in env["people"]."""
    position = state.pos
    if state.src[position] != "@":
        return False
    if position > 0 and (
        state.src[position - 1].isalnum() or state.src[position - 1] in "@/._~"
    ):
        return False
    if state.src.startswith("@~", position):
        return _person_mention(state, silent, position)
    match = MENTION.match(state.src, position)
    if not match:
        return False
    slug = match.group(1)
    mentions = state.env.get("mentions") or {}
    if slug not in mentions:
        return False
    if not silent:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": mentions[slug], "class": "mention"}
        text = state.push("text", "", 0)
        text.content = f"@{slug}"
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True


def _demote_headings(state):
    """Headings inside a post start at h3: the page owns h1 and h2."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"


def _build_renderer():
    md = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False}
    )
    md.enable(["table", "strikethrough"])
    # No images: a post must not make readers' browsers fetch anything.
    md.disable("image")
    md.inline.ruler.before("emphasis", "mention", _mention_rule)
    md.core.ruler.push("demote_headings", _demote_headings)
    return md


_renderer = _build_renderer()


def mentioned_slugs(source):
    """The distinct @slugs in a post's source, in order of first appearance."""
    seen = []
    for match in MENTION.finditer(source):
        if match.group(1) not in seen:
            seen.append(match.group(1))
    return seen


def mentioned_usernames(source):
    """The distinct @~usernames in a post's source, in order of first appearance."""
    return list(dict.fromkeys(m.group(1) for m in PERSON_MENTION.finditer(source)))


def sanitize(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


def render_markdown(source, mentions=None, people=None):
    """Markdown source to safe HTML. `mentions` maps slug → profile URL, `people`
    username → the name to show."""
    html = _renderer.render(
        source, {"mentions": mentions or {}, "people": people or {}}
    )
    return sanitize(html)
