"""The board's pages over plain HTTP (CSRF-protected, working without
JavaScript), one module per kind of page: rooms (the room and thread pages and
their write forms), posts (edit, flag), moderation, notifications; access holds
the gate and the lookups they share. Routes are in network/board/urls.py.
"""
