"""What the desk's decision views share: an application and a suggestion are
what someone typed, so their edit views are the coordinator's decision on them."""

from django.core.exceptions import ValidationError


class RefusalKeepsTheFormMixin:
    """A decision the action refuses (another coordinator decided first, a name
    taken in between) comes back as a form error with everything typed kept,
    not as an error page. The edit view's transaction has rolled back by then."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_message = " ".join(error.messages)
            return self.form_invalid(form)
