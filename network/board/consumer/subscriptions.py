"""What a socket follows: subscribing to rooms and threads (each authorized,
the same answer for "missing" and "not yours"), the replay of what a client
missed, the room events delivered to what it follows, the channel-layer groups
it joins, and dropping what it may no longer read.
"""

import contextlib

from django.utils.translation import gettext as _

from network.board.protocol import MAX_SUBSCRIPTIONS, ProtocolError


class Subscriptions:
    """BoardConsumer's subscriptions: self.subscriptions maps a room id to what is
    followed in it, self.groups_joined the channel-layer groups."""

    async def subscribe_summary(self, room_ids):
        """The list of rooms follows unread counts of many rooms in one message."""
        new = [room for room in room_ids if room not in self.subscriptions]
        if len(self.subscriptions) + len(new) > MAX_SUBSCRIPTIONS:
            raise ProtocolError(
                "too_many_subscriptions",
                _("At most %(limit)d rooms can be followed on one socket.")
                % {"limit": MAX_SUBSCRIPTIONS},
            )
        readable = await self.readable_rooms(room_ids)
        try:
            for room_id in readable:
                await self.join_group(("room", room_id))
        except Exception:  # noqa: BLE001
            await self.close_for_resync()
            return
        for room_id in readable:
            subscription = self.subscriptions.setdefault(
                room_id, {"threads": set(), "summary": False, "room": False}
            )
            subscription["summary"] = True
        await self.send_json(
            {"type": "subscribed", "rooms": readable, "view": "summary"}
        )
        counts = await self.load_unread_many(readable)
        for room_id in readable:
            await self.send_json(
                {"type": "unread", "room": room_id, "count": counts.get(room_id, 0)}
            )

    async def subscribe(self, request):
        if request.get("rooms") is not None:
            await self.subscribe_summary(request["rooms"])
            return
        room_id, thread_id = request["room"], request["thread"]
        existing = self.subscriptions.get(room_id)
        if existing is None and len(self.subscriptions) >= MAX_SUBSCRIPTIONS:
            raise ProtocolError(
                "too_many_subscriptions",
                _("At most %(limit)d rooms can be followed on one socket.")
                % {"limit": MAX_SUBSCRIPTIONS},
            )
        allowed = await self.may_read(room_id, thread_id)
        if not allowed:
            # The same answer for "does not exist" and "not yours": no probing.
            raise ProtocolError(
                "not_found", _("No such room or thread, or you may not read it.")
            )
        try:
            await self.join_group(("room", room_id))
        except Exception:  # noqa: BLE001
            await self.close_for_resync()
            return
        subscription = existing or {"threads": set(), "summary": False, "room": False}
        if request["view"] == "summary":
            subscription["summary"] = True
        elif thread_id is None:
            subscription["room"] = True
        else:
            subscription["threads"].add(thread_id)
        self.subscriptions[room_id] = subscription
        await self.send_json(
            {
                "type": "subscribed",
                "room": room_id,
                "thread": thread_id,
                "view": request["view"],
            }
        )
        if request["view"] == "summary":
            await self.send_unread(room_id)
        elif request["after"] is not None:
            await self.send_replay(room_id, request["after"], thread_id)

    async def unsubscribe(self, request):
        room_id, thread_id = request["room"], request["thread"]
        subscription = self.subscriptions.get(room_id)
        if subscription is not None:
            if thread_id is None:
                subscription["room"] = False
                subscription["summary"] = False
            else:
                subscription["threads"].discard(thread_id)
            if not (
                subscription["room"]
                or subscription["summary"]
                or subscription["threads"]
            ):
                del self.subscriptions[room_id]
                await self.leave_group(("room", room_id))
        await self.send_json(
            {"type": "unsubscribed", "room": room_id, "thread": thread_id}
        )

    async def send_replay(self, room_id, after, thread_id):
        # Large gaps come in batches; the client asks again after each "more".
        frame = await self.load_replay(room_id, after, thread_id)
        await self.send_json(frame)

    async def send_unread(self, room_id):
        count = await self.load_unread(room_id)
        await self.send_json({"type": "unread", "room": room_id, "count": count})

    # --- messages from the channel layer --------------------------------------

    async def board_event(self, message):
        if self.closed:
            return
        event = message["event"]
        subscription = self.subscriptions.get(event["room"])
        if subscription is None:
            return
        from network.board.events import redact

        if subscription["room"] or event["thread"] in subscription["threads"]:
            await self.send_json(redact(event, self.unnamed_ids))
        if (
            subscription["summary"]
            and event["type"] == "post.created"
            and event["post"].get("author_id") != self.user_id
        ):
            await self.send_unread(event["room"])

    async def recheck_subscriptions(self):
        for room_id in list(self.subscriptions):
            subscription = self.subscriptions[room_id]
            threads = sorted(subscription["threads"])
            allowed = await self.readable_ids(room_id, threads)
            if allowed is None:
                del self.subscriptions[room_id]
                await self.leave_group(("room", room_id))
                await self.send_json(
                    {
                        "type": "error",
                        "code": "subscription_revoked",
                        "message": _("You may no longer read this room."),
                        "room": room_id,
                    }
                )
                continue
            for thread_id in set(threads) - allowed:
                subscription["threads"].discard(thread_id)

    async def join_group(self, key):
        from network.board.events import group_name

        name = group_name(*key)
        if name not in self.groups_joined:
            await self.channel_layer.group_add(name, self.channel_name)
            self.groups_joined.add(name)

    async def leave_group(self, key):
        from network.board.events import group_name

        name = group_name(*key)
        if name in self.groups_joined:
            self.groups_joined.discard(name)
            with contextlib.suppress(Exception):
                await self.channel_layer.group_discard(name, self.channel_name)
