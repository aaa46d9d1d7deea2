"""Writes of the membership lifecycle, one module per capability:
applications (to join, and the coordinators' decision), invitations (links to
join a team, and the accounts they open), teams (roles and members), profiles
(members' edits and visibility) and suggestions (issue areas members type).

`check_*` validates and authorizes (raising PermissionDenied or ValidationError);
`do_*` writes, logs to Wagtail's audit log and queues emails after commit. Views in
members/views/ and the coordinator desk in members/admin_desk/ call these, so each
rule lives in one place.

Actions take the acting user (they record who did it); what that person may do is
asked of Viewer.for_user(user), never of the user's own attributes."""
