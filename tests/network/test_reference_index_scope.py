"""What Wagtail's reference index keeps: content (pages, snippets, images,
documents and what refers to them), not the board's traffic or the people's
memberships, which are saved at every post, read marker and invitation and
would rewrite the index each time."""

import pytest
from django.apps import apps
from wagtail.models import ReferenceIndex

from tests.factories import board_post

pytestmark = pytest.mark.django_db

KEPT_OUT = {
    "network.Post",
    "network.PostRevision",
    "network.RoomEvent",
    "network.Flag",
    "network.BoardBan",
    "network.ReadState",
    "network.Notification",
    "members.Membership",
    "members.Invitation",
    "campaigns.PendingPledge",
}


@pytest.mark.parametrize("label", sorted(KEPT_OUT))
def test_traffic_models_are_not_in_the_reference_index(label):
    assert not ReferenceIndex.is_indexed(apps.get_model(label))


def test_content_that_refers_to_terms_and_pages_stays_indexed():
    for label in ("members.MemberOrganizationPage", "campaigns.CampaignPage"):
        assert ReferenceIndex.is_indexed(apps.get_model(label))


def test_a_post_written_on_the_board_adds_no_reference_row(board):
    before = ReferenceIndex.objects.count()
    board_post(board.thread, board.bob)
    assert ReferenceIndex.objects.count() == before
