"""The demo network built by `manage.py seed_network`.

Each module seeds one part and is called in dependency order by the command. All
text is written for this project; no real organization or person is described.
"""

DEMO_PASSWORD = "commonground-demo"  # noqa: S105 - printed for the local demo only
