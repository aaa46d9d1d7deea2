"""The admin's page form refuses invisible characters in an organization's name,
as the members' forms do (issue 11 #16)."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import MemberOrganizationPageFactory


@pytest.mark.django_db
@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200b", "\ufeff"])
def test_an_organization_name_with_invisible_characters_is_refused(
    directory, character
):
    organization = MemberOrganizationPageFactory(parent=directory)
    organization.title = f"Tenants{character} United"
    with pytest.raises(ValidationError) as refused:
        organization.clean()
    assert "title" in refused.value.message_dict


@pytest.mark.django_db
def test_a_name_written_with_joiners_is_accepted(directory):
    organization = MemberOrganizationPageFactory(parent=directory)
    organization.title = "کانون حقوق\u200cبشر"
    organization.clean()
