"""Board fixtures: three organizations (two public, one hidden), their staff, a
coordinator, an outsider with no organization, an issue-area room and a thread."""

import types

import pytest


@pytest.fixture
def board(directory):
    from members.models import IssueArea
    from network.models import Room
    from tests.factories import (
        BoardPageFactory,
        CoordinatorFactory,
        IssueAreaFactory,
        MemberOrganizationPageFactory,
        UserFactory,
        board_member,
        board_thread,
    )

    BoardPageFactory(parent=directory.get_parent())
    detention = IssueAreaFactory(name="Detention", slug="detention")
    housing = IssueAreaFactory(name="Housing", slug="housing")
    alpha = MemberOrganizationPageFactory(
        parent=directory,
        title="Alpha Rights Project",
        slug="alpha",
        issue_areas=[detention],
    )
    beta = MemberOrganizationPageFactory(
        parent=directory,
        title="Beta Tenants Union",
        slug="beta",
        issue_areas=[detention, housing],
    )
    hidden = MemberOrganizationPageFactory(
        parent=directory,
        title="Secret Shelter Collective",
        slug="secret-shelter",
        visibility="hidden",
        issue_areas=[detention],
    )
    alice = board_member(alpha, username="alice", first_name="Alice", last_name="Ames")
    bob = board_member(beta, username="bob", first_name="Bob", last_name="Burns")
    hank = board_member(hidden, username="hank", first_name="Hank", last_name="Hale")
    coordinator = CoordinatorFactory(first_name="Cora", last_name="Coord")
    outsider = UserFactory(username="outsider")
    room = Room.objects.get(issue_area=IssueArea.objects.get(slug="detention"))
    coordinators_room = Room.objects.get(slug="coordinators")
    thread = board_thread(room, alice, title="Visiting hours cut", body="Anyone else?")
    return types.SimpleNamespace(
        detention=detention,
        housing=housing,
        alpha=alpha,
        beta=beta,
        hidden=hidden,
        alice=alice,
        bob=bob,
        hank=hank,
        coordinator=coordinator,
        outsider=outsider,
        room=room,
        coordinators_room=coordinators_room,
        thread=thread,
    )


class RecordingLayer:
    """Stands in for the channel layer: records every group_send."""

    def __init__(self):
        self.sent = []

    async def group_send(self, group, message):
        self.sent.append((group, message))

    def events(self):
        return [message["event"] for _group, message in self.sent if "event" in message]


@pytest.fixture
def layer(monkeypatch):
    recording = RecordingLayer()
    monkeypatch.setattr("network.board.events.get_channel_layer", lambda: recording)
    return recording
