"""A live post looks like a rendered one because it is one: the thread page carries
a <template data-post-template> rendered from network/components/post.html, and
board.js copies it, keeps the parts that apply and fills in text and attributes.
These tests compare the template's structure with the posts the page renders, and
hold board.js to the template's parts."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from network.board import actions

pytestmark = pytest.mark.django_db

BOARD_JS = Path(settings.BASE_DIR) / "static" / "js" / "board.js"
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def shape(self):
        """What a reader's eye and the stylesheet see: the tag, its classes, and
        which part of a post it is."""
        classes = tuple(sorted((self.attrs.get("class") or "").split()))
        return (self.tag, classes, self.attrs.get("data-part"))

    def paths(self, above=()):
        """Every element below (and including) this one, as the shapes leading to
        it from here."""
        here = (*above, self.shape())
        found = {here}
        if self.attrs.get("data-part") == "body":
            return found  # the post's own sanitized HTML, not the component's
        for child in self.children:
            found |= child.paths(here)
        return found

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class Tree(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.root = self.current = Element("#document", {})
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent


def page_parts(html):
    """The page's rendered posts, and the one post inside its template."""
    tree = Tree(html).root
    templates = [e for e in tree.walk() if "data-post-template" in e.attrs]
    assert len(templates) == 1
    (template,) = templates
    inside = {id(e) for e in template.walk()}
    rendered = [
        e
        for e in tree.walk()
        if e.tag == "article" and "post" in e.attrs.get("class", "").split()
        if id(e) not in inside
    ]
    (prototype,) = [e for e in template.children if e.tag == "article"]
    return template, prototype, rendered


@pytest.fixture
def every_kind_of_post(board):
    """A named organization's post, a hidden organization's, a coordinator's
    (no organization), the reader's own, and an edited one."""
    thread = board.thread
    actions.do_create_post(board.hank, thread, "From the shelter", board.hidden)
    actions.do_create_post(board.coordinator, thread, "From the network", None)
    actions.do_create_post(board.bob, thread, "Bob's own", board.beta)
    edited = actions.do_create_post(board.alice, thread, "First try", board.alpha)
    actions.do_edit_post(board.alice, edited, "Second try")
    return thread


def test_the_template_has_the_structure_of_the_posts_the_page_renders(
    client, board, every_kind_of_post
):
    client.force_login(board.bob)
    html = client.get(every_kind_of_post.get_absolute_url()).content.decode()

    template, prototype, rendered = page_parts(html)

    assert len(rendered) == 5
    union = set().union(*(post.paths() for post in rendered))
    # Nothing in the template that no rendered post has, and nothing a rendered
    # post has that the template lacks.
    assert prototype.paths() == union
    for post in rendered:
        assert post.paths() <= prototype.paths()


def test_a_moderators_template_has_the_hide_button_as_their_posts_do(
    client, board, every_kind_of_post
):
    client.force_login(board.coordinator)
    html = client.get(every_kind_of_post.get_absolute_url()).content.decode()

    template, prototype, rendered = page_parts(html)

    union = set().union(*(post.paths() for post in rendered))
    assert union <= prototype.paths()
    # A coordinator may name every organization: only the unnamed variant is
    # the template's alone.
    assert {path[-1][2] for path in prototype.paths() - union} == {"unnamed"}
    forms = [e for e in prototype.walk() if e.tag == "form"]
    assert [form.attrs["class"] for form in forms] == ["inline-form"]


def test_the_template_carries_an_id_no_post_has_where_a_posts_id_goes(
    client, board, every_kind_of_post
):
    client.force_login(board.coordinator)
    html = client.get(every_kind_of_post.get_absolute_url()).content.decode()

    template, prototype, rendered = page_parts(html)

    placeholder = template.attrs["data-post-template"]
    assert placeholder not in {post.attrs["data-post-id"] for post in rendered}
    assert prototype.attrs["id"] == f"post-{placeholder}"
    assert prototype.attrs["data-post-id"] == placeholder
    carrying = {
        name
        for element in prototype.walk()
        for name, value in element.attrs.items()
        if value and placeholder in value
    }
    # board.js replaces the placeholder in exactly these attributes.
    assert carrying == set(
        re.search(r"ID_ATTRIBUTES = \[([^\]]*)\]", BOARD_JS.read_text())
        .group(1)
        .replace('"', "")
        .replace(" ", "")
        .split(",")
    )


def test_board_js_fills_the_templates_parts_and_builds_no_post_markup(
    client, board, every_kind_of_post
):
    client.force_login(board.bob)
    html = client.get(every_kind_of_post.get_absolute_url()).content.decode()
    _template, prototype, _rendered = page_parts(html)
    script = BOARD_JS.read_text()

    parts = {e.attrs["data-part"] for e in prototype.walk() if "data-part" in e.attrs}
    used = set()
    for call in re.findall(r"\bpart\(\w+, ([^)]*)\)", script):
        used |= set(re.findall(r'"([a-z-]+)"', call))
    assert used == parts
    # The post body is the one piece of HTML, sanitized by the server.
    assert [
        line.strip() for line in re.findall(r"[^\n;]*\binnerHTML\b[^\n;]*", script)
    ] == ['part(article, "body").innerHTML = post.html']
    build_post = script[script.index("function buildPost") :]
    build_post = build_post[: build_post.index("function fillAuthor")]
    assert "createElement" not in build_post
    assert "el(" not in build_post
