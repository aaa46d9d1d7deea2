"""The site's feeds name only the address the site is served at (home.links).

Django's syndication Feed builds the feed's own address (RSS atom:link and Atom
link rel="self") from the request's host; every feed here takes it from the
served address instead, like its items' links. Feeds are made one per request
(the pages' feed routes), so keeping the request's path on the feed is safe."""

from django.contrib.syndication.views import Feed

from home.links import absolute_url


class ServedAddressFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request_path = request.path
        return super().__call__(request, *args, **kwargs)

    def feed_url(self):
        return absolute_url(self.request_path)
