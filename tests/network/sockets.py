"""The board's tests talk to its consumer through channels' test communicator,
which gives up on a step after one second by default. A busy CI machine can take
longer than that to run a consumer's connect (sign-in, rooms, a few queries), so
the tests wait up to WAIT seconds instead: a frame that comes returns at once, so
a passing test is no slower, and only a test waiting for nothing (receive_nothing)
spends its whole timeout."""

from channels.testing import WebsocketCommunicator

WAIT = 15


class PatientCommunicator(WebsocketCommunicator):
    async def connect(self, timeout=WAIT):
        return await super().connect(timeout)

    async def receive_from(self, timeout=WAIT):
        return await super().receive_from(timeout)

    async def receive_json_from(self, timeout=WAIT):
        return await super().receive_json_from(timeout)

    async def receive_output(self, timeout=WAIT):
        return await super().receive_output(timeout)

    async def disconnect(self, code=1000, timeout=WAIT):
        return await super().disconnect(code, timeout)
