"""The coordinators' desk in the Wagtail admin, one module per thing it shows:
applications (the queue and the approve/decline decision), suggestions (issue
areas members typed, and the decision on each), dashboard (the home page panel)
and audit_log (the names of the members app's actions in Wagtail's log).

Registered with Wagtail in members/wagtail_hooks.py, with the app's other hooks.
"""
