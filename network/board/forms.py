from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from home.validation import ModelChoiceField, ModelMultipleChoiceField, NameField
from members.models import IssueArea
from network.board.actions import (
    DECISION_TARGETS,
    MAX_TITLE_CHARS,
    UNKNOWN_DECISION,
    Decision,
)
from network.models import BoardBan, FlagReason, Post

BODY_HELP = _(
    "Markdown works: **bold**, _italic_, [links](https://example.org), lists and "
    "> quotes. Mention an organization with @its-address (e.g. @tenant-union) to "
    "notify its staff, or a person with @~their-username. Type @ and a few "
    "letters of a name for suggestions. Up to 10,000 characters."
)


def post_body_widget(rows):
    """A post's textarea, marked for static/js/board-mentions.js: where it asks
    for suggestions and the words it shows (translated here). Without
    JavaScript it is a plain textarea and @mentions are typed out."""
    return forms.Textarea(
        attrs={
            "rows": rows,
            "data-mention-source": reverse_lazy("board_mention_suggestions"),
            "data-mention-t-label": _("Organizations and people to mention"),
            "data-mention-t-hint": _(
                "%(count)s suggestions: up and down arrows to move, Enter or Tab "
                "to choose, Escape to close."
            ),
            "data-mention-t-none": _("Nobody by that name you can mention."),
            "data-mention-t-error": _(
                "Suggestions are not available just now; type the @address instead."
            ),
            "data-mention-t-organization": _("Organization"),
            "data-mention-t-person": _("Person"),
        }
    )


class OrganizationChoiceMixin:
    def setup_organization(self, organizations, allow_none):
        choices = [(str(org.pk), org.title) for org in organizations]
        if allow_none:
            choices.insert(0, ("", _("No organization (network coordinator)")))
        field = self.fields["organization"]
        field.choices = choices
        field.required = not allow_none
        self.organizations = {str(org.pk): org for org in organizations}
        if len(choices) == 1:
            field.initial = choices[0][0]

    def clean_organization(self):
        value = self.cleaned_data.get("organization")
        return self.organizations.get(value) if value else None


# Post bodies carry no max_length: it would put maxlength on the textarea, and
# browsers cut a long paste short without a word. actions.check_body measures
# them and says how much to cut.


class PostForm(OrganizationChoiceMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        widget=post_body_widget(6),
        help_text=BODY_HELP,
        strip=True,
    )
    organization = forms.ChoiceField(label=_("Speaking for"))

    def __init__(self, *args, organizations=(), allow_none=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_organization(organizations, allow_none)


class EditPostForm(forms.Form):
    body = forms.CharField(
        label=_("Your post"),
        widget=post_body_widget(10),
        help_text=BODY_HELP,
        strip=True,
    )


class ThreadForm(OrganizationChoiceMixin, forms.Form):
    title = NameField(label=_("Title"), max_length=MAX_TITLE_CHARS)
    body = forms.CharField(
        label=_("First post"),
        widget=post_body_widget(8),
        help_text=BODY_HELP,
        strip=True,
    )
    issue_areas = ModelMultipleChoiceField(
        label=_("Issue areas"),
        queryset=IssueArea.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Tag the thread so organizations working on these areas find it. "
            "The room's own issue area is added if you choose none."
        ),
    )
    organization = forms.ChoiceField(label=_("Speaking for"))

    def __init__(self, *args, organizations=(), allow_none=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_organization(organizations, allow_none)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should coordinators look at this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Anything coordinators should know (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerationForm(forms.Form):
    """A moderation decision as a page's buttons send it: one of the decisions
    that page offers, and why. A missing or unknown one is refused with the same
    words network.board.actions.do_moderate uses."""

    action = forms.ChoiceField(
        error_messages={
            "required": UNKNOWN_DECISION,
            "invalid_choice": UNKNOWN_DECISION,
        }
    )
    reason = forms.CharField(
        label=_("Reason (kept in the moderation log)"), max_length=300, required=False
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            (decision.value, decision.label) for decision in decisions
        ]


class ModerationQueueForm(ModerationForm):
    """The admin's moderation queue: the decision, and the post or suspension it
    is about, by id (home.validation refuses ids no row can have)."""

    DECISIONS = (
        Decision.HIDE,
        Decision.RESTORE,
        Decision.DISMISS,
        Decision.SUSPEND,
        Decision.LIFT,
    )

    post = ModelChoiceField(
        queryset=Post.objects.select_related("author"), required=False
    )
    ban = ModelChoiceField(queryset=BoardBan.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, decisions=self.DECISIONS, **kwargs)

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("action")
        if decision:
            name = "ban" if DECISION_TARGETS[decision] is BoardBan else "post"
            if cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, _("Choose what the decision is about."))
        return cleaned

    @property
    def target(self):
        decision = self.cleaned_data["action"]
        if DECISION_TARGETS[decision] is BoardBan:
            return self.cleaned_data["ban"]
        return self.cleaned_data["post"]
