"""The board's one WebSocket per browser.

Writes never arrive here: posts are made over HTTP and reach sockets after commit.
This consumer authenticates, validates every frame at the edge, authorizes every
subscription, replays what a client missed from the database and then streams.

It trusts nothing it learned at connect: every few seconds it reloads the session
and the user, so logout, suspension, demotion or a visibility change take effect on
an open socket. It also checks its own channel layer with a heartbeat; a worker that
has lost the layer closes its sockets (CLOSE_RESYNC) so clients reconnect and catch
up rather than stay connected but deaf.

One consumer class (connection.BoardConsumer, what network/routing.py serves), made
of what it does: connection (connect, frames from the client, closing),
subscriptions (following rooms and threads, replay, delivery of room events),
watcher (the re-check, the heartbeat, the unread count) and database (the small
synchronous reads, each run in a thread).
"""
