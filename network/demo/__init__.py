"""The demo network built by `manage.py seed_network`.

Each module builds one part and is called in dependency order by the command:
site (the page tree, settings and sign-in people), organizations, teams,
campaigns, events (the calendar), desk (applications and suggestions), board,
library and news; images, pdf and dates serve them. Every object is made
through tests/factories.py, so the demo and the tests build things one way
(the factories call the apps' own actions where the network has one, e.g.
invitations, board posts, a submitted resource). The words are in
network/demo/content/. All text is written for this project; no real
organization or person is described.
"""

DEMO_PASSWORD = "commonground-demo"  # noqa: S105 - printed for the local demo only
