"""Network news, its feeds, and the tags that show news and resources on the home
page, issue hubs and organization profiles."""

import datetime
from io import BytesIO

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.template import Context, Template
from django.test import RequestFactory
from PIL import Image

from campaigns.models import NewsPage
from home.models import SiteImage
from members.viewer import Viewer
from tests.campaigns.library.bulk import bulk_resources
from tests.factories import NewsPageFactory, ResourcePageFactory

pytestmark = pytest.mark.django_db


def make_image():
    buffer = BytesIO()
    Image.new("RGB", (800, 450), "#1d5c63").save(buffer, format="PNG")
    return SiteImage.objects.create(
        title="Gathering", file=ImageFile(buffer, name="gathering.png")
    )


def test_news_index_lists_news_newest_first_with_images_and_alt_text(
    client, news_index
):
    NewsPageFactory(
        parent=news_index, title="Older news", date=datetime.date(2025, 1, 1)
    )
    NewsPageFactory(
        parent=news_index,
        title="Newer news",
        date=datetime.date(2026, 1, 1),
        featured_image=make_image(),
        featured_image_alt="Members gathered outside the courthouse",
    )

    html = client.get("/news/").content.decode()

    assert html.index("Newer news") < html.index("Older news")
    assert 'alt="Members gathered outside the courthouse"' in html
    assert 'type="application/rss+xml"' in html


def test_a_news_image_needs_alternative_text(news_index):
    page = NewsPage(
        title="No alt", slug="no-alt", summary="x", featured_image=make_image()
    )

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "featured_image_alt" in error.value.message_dict


def test_news_page_shows_its_issue_areas(client, news_index, areas):
    page = NewsPageFactory(parent=news_index, title="Housing news")
    page.issue_areas.set([areas["housing"]])
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert areas["housing"].name in html
    assert 'href="/issues/housing/"' in html


@pytest.mark.parametrize("path", ["/news/feed/", "/news/feed/atom/"])
def test_news_feeds_parse_and_list_published_news_only(client, news_index, path):
    NewsPageFactory(parent=news_index, title="Published news", summary="It happened.")
    draft = NewsPageFactory(parent=news_index, title="Draft news")
    draft.unpublish()

    response = client.get(path)
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == ["Published news"]
    assert feed.entries[0].link.endswith("/news/published-news/")


def test_home_page_shows_the_latest_news(client, home_page, news_index):
    for index in range(5):
        NewsPageFactory(
            parent=news_index,
            title=f"Item {index}",
            date=datetime.date(2026, 1, 1 + index),
        )

    html = client.get("/").content.decode()

    assert "Network news" in html
    assert "Item 4" in html and "Item 2" in html
    assert "Item 1" not in html  # only the newest three


def test_home_page_without_news_shows_no_empty_section(client, home_page):
    assert "Network news" not in client.get("/").content.decode()


def render(template, user=None, **context):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.viewer = Viewer.for_user(request.user)
    return Template("{% load library_tags %}" + template).render(
        Context({"request": request, **context})
    )


def test_issue_hub_tags_show_resources_un_submissions_and_news_of_that_area(
    library, news_index, areas
):
    ResourcePageFactory(
        parent=library, title="Housing toolkit", issue_areas=[areas["housing"]]
    )
    ResourcePageFactory(
        parent=library, title="Health toolkit", issue_areas=[areas["health"]]
    )
    ResourcePageFactory(
        parent=library,
        title="Housing UPR submission",
        kind="un-submission",
        un_mechanism="upr",
        issue_areas=[areas["housing"]],
    )
    ResourcePageFactory(
        parent=library,
        title="Members-only housing memo",
        visibility="members",
        issue_areas=[areas["housing"]],
    )
    news = NewsPageFactory(parent=news_index, title="Housing news")
    news.issue_areas.set([areas["housing"]])
    news.save_revision().publish()

    resources = render("{% issue_area_resources area %}", area=areas["housing"])
    submissions = render("{% issue_area_un_submissions area %}", area=areas["housing"])
    hub_news = render("{% issue_area_news area %}", area=areas["housing"])

    assert "Housing toolkit" in resources
    assert "Health toolkit" not in resources
    assert "Housing UPR submission" not in resources
    assert "Members-only housing memo" not in resources
    assert "/resources/?issue=housing" in resources
    assert "Housing UPR submission" in submissions
    assert "Housing toolkit" not in submissions
    assert "Housing news" in hub_news


def test_members_see_members_only_resources_on_hubs(library, areas, other_member):
    ResourcePageFactory(
        parent=library,
        title="Members-only housing memo",
        visibility="members",
        issue_areas=[areas["housing"]],
    )

    html = render(
        "{% issue_area_resources area %}", user=other_member, area=areas["housing"]
    )

    assert "Members-only housing memo" in html


def test_profile_tag_credits_contributed_and_cosigned_resources(library, orgs):
    ResourcePageFactory(
        parent=library, title="Our toolkit", organizations=[orgs["public"]]
    )
    ResourcePageFactory(
        parent=library,
        title="Joint UN submission",
        kind="un-submission",
        un_mechanism="upr",
        cosigners=[orgs["public"]],
    )
    ResourcePageFactory(parent=library, title="Someone else's", organizations=[])

    html = render("{% organization_resources org %}", org=orgs["public"])

    assert "Our toolkit" in html
    assert "Joint UN submission" in html
    assert "Someone else&#x27;s" not in html
    assert f"/resources/?org={orgs['public'].slug}" in html


@pytest.mark.parametrize("size", [20, 2000])
def test_tags_run_in_constant_queries(
    library, news_index, areas, orgs, django_assert_max_num_queries, size
):
    bulk_resources(library, size, list(areas.values()), [orgs["public"]])
    NewsPageFactory(parent=news_index, title="News")

    with django_assert_max_num_queries(8):
        render("{% issue_area_resources area %}", area=areas["housing"])
    with django_assert_max_num_queries(8):
        render("{% issue_area_un_submissions area %}", area=areas["housing"])
    # Two of its own, plus the site lookup a real page has already made.
    with django_assert_max_num_queries(3):
        html = render("{% organization_resources org %}", org=orgs["public"])
    with django_assert_max_num_queries(6):
        render("{% latest_news %}")

    assert html.count("Bulk resource") == 10
