"""The forms of the notification pages: what the list is filtered by, which
notifications to mark read, and how each kind reaches a person."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.validation import NameField
from network.notifications.kinds import DEFAULT_DELIVERY, kinds_for
from network.notifications.models import Delivery, NotificationPreference, SavedSearch

# The weekly digest is on or off; a kind may also come at once, wait for the
# digest, stay on the site, or not be kept at all.
DIGEST_CHOICES = [(Delivery.EMAIL, _("Send it")), (Delivery.OFF, _("Don't send it"))]


class NotificationFilterForm(forms.Form):
    """?kind=<kind>&show=unread, each optional; anything else is refused."""

    kind = forms.ChoiceField(required=False)
    show = forms.ChoiceField(
        required=False, choices=[("", _("All")), ("unread", _("Unread only"))]
    )

    def __init__(self, viewer, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Every kind"))] + [
            (kind.value, kind.label) for kind in kinds_for(viewer)
        ]
        self.fields["kind"].label = _("Kind")
        self.fields["show"].label = _("Show")


class MarkReadForm(forms.Form):
    """Mark one notification read (its id) or all of them ("all")."""

    mark = forms.CharField(max_length=20)
    next = forms.CharField(required=False, max_length=2000)

    def clean_mark(self):
        value = self.cleaned_data["mark"]
        if value == "all" or (value.isdigit() and 0 < int(value) < 2**63):
            return value
        raise ValidationError(_("Choose a notification to mark as read."))


class PreferencesForm(forms.Form):
    """A choice per kind the person may hear of, and the weekly digest. Every
    field must be posted, and nothing else: a form that lost or gained a field
    on the way changes nothing."""

    def __init__(self, viewer, chosen, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds_for(viewer)
        for kind in self.kinds:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=chosen.get(kind.value, DEFAULT_DELIVERY[kind]),
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose how this reaches you."),
                    "invalid_choice": _("Choose one of the ways offered."),
                },
            )
        self.fields[NotificationPreference.DIGEST] = forms.ChoiceField(
            label=_("The weekly digest email"),
            choices=DIGEST_CHOICES,
            initial=chosen.get(NotificationPreference.DIGEST, Delivery.EMAIL),
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose whether to get the digest.")},
        )

    def clean(self):
        cleaned = super().clean()
        if self.is_bound:
            extra = set(self.data) - set(self.fields) - {"csrfmiddlewaretoken"}
            if extra:
                raise ValidationError(
                    _(
                        "The form held fields it does not have (%(fields)s). Reload "
                        "the page and choose again."
                    )
                    % {"fields": ", ".join(sorted(extra)[:5])}
                )
        return cleaned


class SaveSearchForm(forms.Form):
    """Save a directory or library search: its kind, its query string as the
    page has it (read again by the page's own reader,
    network.notifications.saved_searches.read_query) and a name."""

    kind = forms.ChoiceField(
        choices=SavedSearch.Kind.choices,
        error_messages={
            "required": _("Only a directory or library search can be saved."),
            "invalid_choice": _("Only a directory or library search can be saved."),
        },
    )
    query = forms.CharField(
        required=False,
        strip=False,
        max_length=SavedSearch._meta.get_field("query").max_length,
        error_messages={"max_length": _("That search is too long to save.")},
    )
    name = NameField(
        max_length=SavedSearch._meta.get_field("name").max_length,
        error_messages={
            "required": _("Give the search a name."),
            "max_length": _("A name can be at most %(limit_value)d characters."),
        },
    )


class RenameSearchForm(forms.Form):
    name = NameField(
        max_length=SavedSearch._meta.get_field("name").max_length,
        error_messages={
            "required": _("Give the search a name."),
            "max_length": _("A name can be at most %(limit_value)d characters."),
        },
    )
