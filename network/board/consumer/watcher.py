"""What keeps an open socket honest: every few seconds it checks that its
channel layer still answers (a heartbeat to itself) and reloads the session and
Viewer, closing with a code when the person may no longer stay; and it keeps the
page's unread-notification count in step.
"""

import asyncio
import logging
import time
import uuid

from django.conf import settings

logger = logging.getLogger(__name__)


def recheck_seconds():
    return settings.BOARD_RECHECK_SECONDS


class Watcher:
    """BoardConsumer's watcher: started after connect, cancelled on disconnect."""

    async def board_notifications(self, message):
        if not self.closed:
            self.notifications_sent = message["unread"]
            await self.send_json({"type": "notifications", "unread": message["unread"]})

    async def board_heartbeat(self, message):
        if message.get("token") == self.heartbeat_pending:
            self.heartbeat_pending = None

    # --- the watcher: session re-check and channel-layer heartbeat ------------

    async def watch(self):
        interval = recheck_seconds()
        try:
            while not self.closed:
                await asyncio.sleep(interval)
                if self.closed:
                    return
                if not await self.check_layer(interval):
                    await self.close_for_resync()
                    return
                state = await self.load_state()
                if state["code"] is not None:
                    await self.send_json(
                        {"type": "revoked", "message": state["message"]}
                    )
                    await self.close_socket(state["code"])
                    return
                self.apply_state(state)
                await self.recheck_notifications(state["notifications"])
                await self.recheck_subscriptions()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("Board socket watcher failed; closing for resync")
            await self.close_for_resync()

    async def check_layer(self, interval):
        """Send ourselves a heartbeat through the channel layer; the previous one
        must have come back. Either failing means this worker is deaf."""
        if self.heartbeat_pending is not None and (
            time.monotonic() - self.heartbeat_sent_at > max(interval * 2, 3)
        ):
            logger.warning("Board socket heartbeat lost; closing for resync")
            return False
        if self.heartbeat_pending is None:
            token = uuid.uuid4().hex
            try:
                await asyncio.wait_for(
                    self.channel_layer.send(
                        self.channel_name, {"type": "board.heartbeat", "token": token}
                    ),
                    timeout=max(interval, 1),
                )
            except Exception:  # noqa: BLE001
                logger.warning("Board channel layer unreachable; closing for resync")
                return False
            self.heartbeat_pending = token
            self.heartbeat_sent_at = time.monotonic()
        return True

    async def recheck_notifications(self, unread):
        """A demotion or a room closed since hides notifications without a write
        that would ring: tell the page when the count changed between re-checks
        (not when a mention's own frame merely overtook this re-check)."""
        changed = unread != self.notifications_checked
        self.notifications_checked = unread
        if changed and unread != self.notifications_sent:
            self.notifications_sent = unread
            await self.send_json({"type": "notifications", "unread": unread})
