"""RSS and Atom feeds of network news. News is public; nothing else goes in here."""

import datetime

from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from campaigns.news.models import NewsPage
from home.feeds import ServedAddressFeed
from home.links import page_url

FEED_ITEMS = 20


class NewsFeed(ServedAddressFeed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    def link(self):
        return page_url(self.index_page)

    def description(self):
        return self.index_page.introduction

    def items(self):
        return list(
            NewsPage.objects.child_of(self.index_page)
            .published()
            .newest_first()
            .select_related()[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return page_url(item)

    def item_pubdate(self, item):
        return timezone.make_aware(
            datetime.datetime.combine(item.date, datetime.time(12, 0))
        )

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.index_page.introduction
