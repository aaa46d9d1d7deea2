"""The page tree, the network's settings and the demo people."""

from django.db import transaction
from wagtail.models import Page, Site

from home import links
from home.models import HomePage, NetworkPrinciple, NetworkSettings, SocialLink
from tests.factories import (
    BoardPageFactory,
    CalendarPageFactory,
    CampaignIndexPageFactory,
    CoordinatorFactory,
    HomePageFactory,
    IssueAreaIndexPageFactory,
    MemberDirectoryPageFactory,
    UserFactory,
)

NETWORK_NAME = "Common Ground Human Rights Network"
TAGLINE = "Member organizations working together for human rights at home"

HOME_INTRODUCTION = (
    "We are a coalition of community groups, legal advocates, researchers and "
    "organizers who hold our governments to the human-rights standards they have "
    "promised to keep, in our own neighborhoods as much as abroad. Members find "
    "partners here, join campaigns and talk in the open board."
)

PRINCIPLES = [
    (
        "Every right, for everyone",
        "Human rights belong to every person without exception, and they depend on "
        "one another: no right is secure while another is denied.",
    ),
    (
        "The whole of human rights",
        "We work for civil and political rights and for economic, social and "
        "cultural rights alike: a fair trial and a safe home, a vote and a living "
        "wage.",
    ),
    (
        "Change is built by movements",
        "Rights are won and kept when people organize; our job is to connect the "
        "groups doing that work and make each of them stronger.",
    ),
    (
        "Those affected lead",
        "People who live with an injustice know it best. We follow their "
        "leadership and make room for it in everything the network does.",
    ),
    (
        "Respect across difference",
        "Our communities are diverse, and so is this network. We honor that "
        "diversity in how we speak, decide and act together.",
    ),
    (
        "Accountable to each other",
        "Member organizations keep their finances in order and their word to one "
        "another, so that trust within the network can be taken for granted.",
    ),
]

SECTIONS = [
    # (factory, title, slug, introduction)
    (
        MemberDirectoryPageFactory,
        "Members",
        "members",
        "Find member organizations by issue, place and the way they work. Many "
        "members list what they are looking for partners on.",
    ),
    (
        IssueAreaIndexPageFactory,
        "Issues",
        "issues",
        "The issue areas our members work on, from criminal justice to the right "
        "to housing. Each one gathers its organizations, campaigns and deadlines.",
    ),
    (
        CampaignIndexPageFactory,
        "Campaigns",
        "campaigns",
        "Joint campaigns that member organizations lead and sign on to.",
    ),
    (
        CalendarPageFactory,
        "Calendar",
        "calendar",
        "Action days, UN review sessions and submission deadlines across the network.",
    ),
    (
        BoardPageFactory,
        "Board",
        "board",
        "Rooms for every issue area and campaign, where member staff plan "
        "together. The board is for network members only and is not end-to-end "
        "encrypted.",
    ),
]

# (username, first name, last name)
MEMBER_PEOPLE = [
    ("maria", "Maria", "Okafor"),
    ("james", "James", "Whitehorse"),
    ("lena", "Lena", "Marchetti"),
    ("sam", "Sam", "Delgado"),
    ("priya", "Priya", "Raman"),
]


def network_exists():
    return HomePage.objects.exists()


@transaction.atomic
def build_site():
    """Replace Wagtail's welcome page with the network's home and its sections."""
    root = Page.get_first_root_node()
    # Wagtail's migrations leave a "Welcome" page (and a Site pointing at it).
    for welcome in root.get_children().exact_type(Page):
        welcome.delete()
    home = HomePageFactory(
        parent=root,
        title="Human rights start at home",
        slug="home",
        introduction=HOME_INTRODUCTION,
    )
    # Wagtail's own full page URLs (moderation emails) name the served address.
    hostname, port = links.host_and_port()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": home,
            "site_name": NETWORK_NAME,
        },
    )

    sections = {}
    for factory, title, slug, introduction in SECTIONS:
        page = factory(
            parent=home,
            title=title,
            slug=slug,
            introduction=introduction,
            show_in_menus=True,
        )
        sections[type(page)] = page

    settings = NetworkSettings.load()
    settings.name = NETWORK_NAME
    settings.tagline = TAGLINE
    settings.contact_email = "hello@commonground.example"
    settings.principles_intro = (
        "Every member organization agrees to these principles when it joins."
    )
    settings.principles = [
        NetworkPrinciple(title=title, text=text) for title, text in PRINCIPLES
    ]
    settings.social_links = [
        SocialLink(label="Mastodon", url="https://social.example/@commonground"),
        SocialLink(label="Newsletter", url="https://commonground.example/newsletter"),
    ]
    settings.save()
    return home, sections


def build_people(password):
    """A coordinator (with Wagtail admin access) and a few member staff, each
    signing in with `password`."""
    coordinator = CoordinatorFactory(
        username="coordinator",
        email="coordinator@commonground.example",
        password=password,
        first_name="Ana",
        last_name="Reyes",
    )
    members = [
        UserFactory(
            username=username,
            email=f"{username}@members.example",
            password=password,
            first_name=first,
            last_name=last,
        )
        for username, first, last in MEMBER_PEOPLE
    ]
    return coordinator, members
