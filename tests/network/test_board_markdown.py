"""Post bodies are Markdown rendered to HTML that can carry no script."""

from html.parser import HTMLParser

import pytest

from network.board.markdown import mentioned_slugs, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click]( javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "[click](vbscript:msgbox(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<object data=x></object>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="#" onclick="alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
    "<form action=https://evil.example><input name=q></form>",
    "<base href=https://evil.example/>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "<<script>script>alert(1)<</script>/script>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
]

SAFE_TAGS = {
    "a", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "s", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "rel", "class", "start"}


class ElementCollector(HTMLParser):
    """What a browser would build from the HTML: every element and attribute."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements_of(html):
    collector = ElementCollector()
    collector.feed(html)
    collector.close()
    return collector.elements


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives_rendering(payload):
    html = render_markdown(payload)
    for tag, attributes in elements_of(html):
        assert tag in SAFE_TAGS, (payload, html)
        assert set(attributes) <= SAFE_ATTRIBUTES, (payload, html)
        href = (attributes.get("href") or "").strip().lower()
        scheme = href.split(":", 1)[0] if ":" in href else ""
        assert scheme in ("", "http", "https", "mailto"), (payload, html)
        if tag == "a":
            assert attributes.get("rel") == "nofollow noopener"


def test_ordinary_markdown_renders():
    html = render_markdown("**bold** _it_\n\n- one\n- two\n\n> quote\n\n`code`")
    for fragment in [
        "<strong>bold</strong>",
        "<em>it</em>",
        "<li>one</li>",
        "<blockquote>",
        "<code>code</code>",
    ]:
        assert fragment in html


def test_links_get_nofollow_noopener():
    html = render_markdown("[site](https://example.org/page)")
    assert 'href="https://example.org/page"' in html
    assert 'rel="nofollow noopener"' in html


def test_headings_start_below_the_page_headings():
    html = render_markdown("# Big\n\n## Smaller")
    assert "<h3>Big</h3>" in html and "<h4>Smaller</h4>" in html
    assert "<h1" not in html and "<h2" not in html


def test_mentions_link_only_known_organizations():
    html = render_markdown("Hi @alpha and @nobody", {"alpha": "/members/alpha/"})
    assert (
        '<a href="/members/alpha/" class="mention" rel="nofollow noopener">@alpha</a>'
        in html
    )
    assert "@nobody" in html and "/members/nobody/" not in html


def test_mentions_are_found_but_not_in_email_addresses():
    assert mentioned_slugs("@alpha, @beta-2 and me@gamma.org and @alpha") == [
        "alpha",
        "beta-2",
    ]
