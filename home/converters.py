"""The URL converter for database ids: `<id:resource_id>`, registered in HomeConfig.

Django's `<int:...>` matches any run of digits, so /account/resources/99999999999999
999999/edit/ reaches the view and the database lookup overflows into a 500. This one
matches only what `parse_id` accepts; anything else is no match, a plain 404.
"""

from home.validation import parse_id


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value):
        parsed = parse_id(value)
        if parsed is None:
            raise ValueError(value)  # the resolver treats it as no match
        return parsed

    def to_url(self, value):
        return str(value)
