"""The home app's Wagtail hooks: the audit log's name for an export, which every
app's exports write (home.spreadsheets.log_export)."""

from wagtail import hooks

from home.spreadsheets import register_export_log_action

hooks.register("register_log_actions", register_export_log_action)
