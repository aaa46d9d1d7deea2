"""The demo's pictures, drawn on the spot: organizations' logos (two overlapping
circles and the initials) and the news items' illustrations (a row of linked
circles, the network's mark). Each is saved to the image library through
SiteImageFactory."""

from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from tests.factories import SiteImageFactory

LOGO_COLORS = ["#1d5c63", "#a8431c", "#4b3f72", "#2f6b3a", "#8a5a00", "#24476b"]
NEWS_COLORS = ["#1d5c63", "#a8431c", "#4b3f72", "#2f6b3a"]


def _saved(image, title, filename):
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return SiteImageFactory(title=title, file=ImageFile(buffer, name=filename))


def make_logo(rng, name, index):
    """A simple generated mark: two overlapping circles and the initials."""
    size = 160
    image = Image.new("RGB", (size, size), "#ffffff")
    draw = ImageDraw.Draw(image)
    first, second = rng.sample(LOGO_COLORS, 2)
    draw.ellipse((16, 30, 112, 126), fill=first)
    draw.ellipse((56, 30, 152, 126), fill=second)
    initials = "".join(word[0] for word in name.split() if word[0].isupper())[:3]
    draw.text((size // 2, 142), initials, fill="#1c2326", anchor="mm")
    return _saved(image, f"{name} logo", f"demo-logo-{index}.png")


def make_news_image(rng, title, index):
    """A news item's illustration: linked circles on one of the network's colors."""
    image = Image.new("RGB", (960, 540), rng.choice(NEWS_COLORS))
    draw = ImageDraw.Draw(image)
    for step in range(6):
        offset = 60 + step * 140
        draw.ellipse((offset, 180, offset + 220, 400), outline="#ffffff", width=6)
    return _saved(image, f"{title} illustration", f"demo-news-{index}.png")
