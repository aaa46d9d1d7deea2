"""The demo's network news: ten items, some with an illustration, each published
by the coordinator. Built through tests.factories; the words are in
network/demo/content/news.py."""

import datetime

from wagtail.rich_text import RichText

from members.models import IssueArea
from network.demo.content.news import NEWS
from network.demo.dates import TODAY
from network.demo.images import make_news_image
from tests.factories import NewsIndexPageFactory, NewsPageFactory


def build(rng, home, coordinator):
    """The news section under `home`, with its demo items."""
    news_index = NewsIndexPageFactory(
        parent=home,
        title="News",
        slug="news",
        show_in_menus=True,
        introduction="What the network and its members have been doing.",
    )
    areas = {area.slug: area for area in IssueArea.objects.all()}
    for index, (title, summary, slugs, with_image) in enumerate(NEWS):
        # The random draws happen in this order; changing it changes the demo.
        date = TODAY - datetime.timedelta(days=index * 9 + rng.randint(0, 5))
        picture = {}
        if with_image:
            picture = {
                "featured_image": make_news_image(rng, title, index),
                "featured_image_alt": (
                    "An abstract illustration: a row of linked circles on a "
                    "colored background, the network's mark."
                ),
            }
        NewsPageFactory(
            parent=news_index,
            title=title,
            summary=summary,
            date=date,
            body=[
                ("paragraph", RichText(f"<p>{summary}</p>")),
                (
                    "paragraph",
                    RichText(
                        "<p>Member organizations can find the related resources in "
                        "the library and plan next steps on the board.</p>"
                    ),
                ),
            ],
            issue_areas=[areas[slug] for slug in slugs if slug in areas],
            published_by=coordinator,
            **picture,
        )
    return news_index
