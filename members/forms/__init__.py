"""Forms of the membership lifecycle, one module per form family: application
(/join/), profile (an organization's profile and its links, at /account/…), teams
(accepting an invitation, inviting a colleague, a colleague's role) and fields
(what the application and the profile share). Each validates every field with a
message that says what to do; views re-render them with what the person typed.

The application and the profile are model forms: their fields, labels and help
texts are the models' (MembershipApplication, MemberOrganizationPage and its
OrganizationLink rows), so a field is worded once, where it is stored. The forms
add only what is not stored (a new logo upload, a suggested issue area, the
honeypot) and the checks of people's input (`fields.model_form_field`, the
clean_* methods)."""
