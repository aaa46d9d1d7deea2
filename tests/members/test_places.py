"""Places as structured fields: free text read into ISO 3166-2 subdivisions (the
migration, its report), and the forms that choose a state or region of the
chosen country."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command

from members.geography import match_subdivision, subdivision_name, subdivisions_of
from members.models import MemberOrganizationPage, MembershipApplication
from tests.factories import MembershipApplicationFactory, build_organization
from tests.members.profile_forms import profile_data

places_migration = importlib.import_module(
    "members.migrations.0013_places_from_free_text"
)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # Codes and names, whatever the case, spacing or accents.
        ("CA", "US", "US-CA"),
        ("California", "US", "US-CA"),
        ("  california ", "US", "US-CA"),
        ("NY", "US", "US-NY"),
        ("New York", "US", "US-NY"),
        ("US-TX", "US", "US-TX"),
        ("tx", "US", "US-TX"),
        ("Washington, D.C.", "US", "US-DC"),
        ("Washington", "US", "US-WA"),
        ("Puerto Rico", "US", "US-PR"),
        ("CDMX", "MX", "MX-CMX"),
        ("Ciudad de México", "MX", "MX-CMX"),
        ("ciudad de mexico", "MX", "MX-CMX"),
        ("Mexico City", "MX", "MX-CMX"),
        ("Nuevo Leon", "MX", "MX-NLE"),
        ("Chihuahua", "MX", "MX-CHH"),
        # Abroad, what pycountry knows for the organization's own country.
        ("Geneva", "CH", "CH-GE"),
        ("Genève", "CH", "CH-GE"),
        ("San Salvador", "SV", "SV-SS"),
        ("Bavaria", "DE", "DE-BY"),
        ("Madrid, Comunidad de", "ES", "ES-MD"),
        ("Ontario", "CA", "CA-ON"),
        # Only the organization's country: never a namesake elsewhere.
        ("Geneva", "US", None),
        ("CA", "CA", None),
        ("Georgia", "US", "US-GA"),
        ("Texas", "MX", None),
        # Not a place pycountry knows.
        ("Canarywood Territory", "US", None),
        ("", "US", None),
    ],
)
def test_free_text_is_read_as_a_state_or_region_of_the_organizations_country(
    text, country, expected
):
    assert match_subdivision(text, country) == expected


def test_subdivisions_are_named_in_the_readers_language():
    from django.utils import translation

    assert subdivision_name("US-NY") == "New York"
    with translation.override("es"):
        assert subdivision_name("US-NY") == "Nueva York"
    assert subdivision_name("") == ""


@pytest.fixture
def typed_places(directory):
    """Organizations as they were before places were structured: a region typed
    as free text and no subdivision; one with a revision saying the same."""
    typed = [
        ("Golden State Tenants", "US", "CA"),
        ("Bay Area Workers", "US", "California"),
        ("Empire Justice", "US", "new york"),
        ("Colectivo Capital", "MX", "CDMX"),
        ("Lakeside Rights", "CH", "Geneva"),
        ("Mistaken Country Group", "US", "Geneva"),
        ("Canarywood Collective", "US", "Canarywood Territory"),
    ]
    organizations = {}
    for title, country, region in typed:
        org = build_organization(
            directory, title=title, country=country, subdivision="", region=region
        )
        MemberOrganizationPage.objects.filter(pk=org.pk).update(region=region)
        organizations[title] = org
    revision = organizations["Bay Area Workers"].save_revision()
    revision.content.update(region="California", subdivision="")
    revision.save(update_fields=["content"])
    MembershipApplicationFactory(
        organization_name="Applicants Abroad", country="SV", region="San Salvador"
    )
    MembershipApplicationFactory(
        organization_name="Applicants Unknown", country="US", region="Lower Hill"
    )
    return organizations


def places():
    return {
        title: (subdivision, region)
        for title, subdivision, region in MemberOrganizationPage.objects.values_list(
            "title", "subdivision", "region"
        )
    }


def test_the_places_migration_moves_what_matches_and_keeps_and_reports_the_rest(
    typed_places, capsys
):
    places_migration.forwards(apps, None)

    assert places() == {
        "Golden State Tenants": ("US-CA", ""),
        "Bay Area Workers": ("US-CA", ""),
        "Empire Justice": ("US-NY", ""),
        "Colectivo Capital": ("MX-CMX", ""),
        "Lakeside Rights": ("CH-GE", ""),
        # Kept as typed, word for word: nothing a member wrote is lost.
        "Mistaken Country Group": ("", "Geneva"),
        "Canarywood Collective": ("", "Canarywood Territory"),
    }
    applications = dict(
        MembershipApplication.objects.values_list("organization_name", "subdivision")
    )
    assert applications == {"Applicants Abroad": "SV-SS", "Applicants Unknown": ""}
    # The latest revision, which the profile form and the admin edit, too.
    revision = typed_places["Bay Area Workers"].latest_revision
    revision.refresh_from_db()
    assert revision.content["subdivision"] == "US-CA"
    assert revision.content["region"] == ""
    printed = capsys.readouterr().out
    assert "2 organizations kept a state or region" in printed
    assert "Mistaken Country Group (US): 'Geneva'" in printed
    assert "Canarywood Collective (US): 'Canarywood Territory'" in printed
    assert "1 applications kept" in printed
    assert "Golden State Tenants" not in printed


def test_the_places_migration_reverses_to_the_names(typed_places):
    places_migration.forwards(apps, None)
    places_migration.backwards(apps, None)

    assert places()["Golden State Tenants"] == ("US-CA", "California")
    assert places()["Mistaken Country Group"] == ("", "Geneva")


def test_places_report_lists_each_place_still_to_choose_with_where_to_fix_it(
    typed_places, capsys
):
    places_migration.forwards(apps, None)
    capsys.readouterr()

    call_command("places_report")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("3 places match no state or region")
    mistaken = typed_places["Mistaken Country Group"]
    assert any(
        "organization 'Mistaken Country Group'" in line
        and "'Geneva'" in line
        and f"/admin/pages/{mistaken.pk}/edit/" in line
        for line in lines
    )
    assert any("application 'Applicants Unknown'" in line for line in lines)
    assert not any("Golden State Tenants" in line for line in lines)


def test_places_report_says_so_when_every_place_is_chosen(directory, capsys):
    build_organization(directory, title="Placed", subdivision="US-TX")

    call_command("places_report")

    assert "Every place is a state or region" in capsys.readouterr().out


# --- Choosing a state or region ----------------------------------------------------


def test_a_state_of_another_country_is_refused_wherever_the_page_is_saved(directory):
    org = build_organization(directory, title="Border Rights", subdivision="US-TX")
    org.country = "MX"

    with pytest.raises(ValidationError) as refused:
        org.full_clean()

    assert refused.value.message_dict["subdivision"] == [
        "Texas is not in Mexico. Choose a state or region of Mexico from the list."
    ]


@pytest.fixture
def signed_in_editor(client, org_a, editor_a, network_settings):
    network_settings.member_edits_need_review = False  # edits go live at once
    network_settings.save()
    client.force_login(editor_a)
    return client


def edit_url(org):
    return f"/account/organizations/{org.pk}/profile/"


def options(html, select_name="subdivision"):
    """The option values and optgroup labels of a select, in order."""
    from html.parser import HTMLParser

    found = {"values": [], "groups": []}

    class Parser(HTMLParser):
        inside = False

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "select":
                self.inside = attrs.get("name") == select_name
            elif self.inside and tag == "option":
                found["values"].append(attrs.get("value"))
            elif self.inside and tag == "optgroup":
                found["groups"].append(attrs.get("label"))

        def handle_endtag(self, tag):
            if tag == "select":
                self.inside = False

    Parser().feed(html)
    return found


def test_the_profile_form_offers_the_states_of_the_organizations_country(
    signed_in_editor, org_a
):
    html = signed_in_editor.get(edit_url(org_a)).content.decode()

    listed = options(html)
    assert listed["groups"] == ["United States"]
    assert listed["values"] == [""] + [code for code, _name in subdivisions_of("US")]
    assert 'data-places-country="id_country"' in html
    assert "js/places.js" in html


def test_a_state_of_another_country_is_refused_with_the_new_countrys_list(
    signed_in_editor, org_a
):
    response = signed_in_editor.post(
        edit_url(org_a), profile_data(org_a, country="MX", subdivision="US-TX")
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["subdivision"] == [
        "Texas is not in Mexico. Choose a state or region of Mexico from the list."
    ]
    listed = options(response.content.decode())
    assert listed["groups"] == ["Mexico"]
    assert "MX-CMX" in listed["values"] and "US-TX" not in listed["values"]
    org_a.refresh_from_db()
    assert str(org_a.country) == "US"


def test_a_code_no_country_has_is_refused(signed_in_editor, org_a):
    response = signed_in_editor.post(
        edit_url(org_a), profile_data(org_a, subdivision="US-XX")
    )

    assert response.context["form"].errors["subdivision"] == [
        "Choose your state or region from the list."
    ]


def test_the_profile_saves_a_state_of_the_chosen_country(signed_in_editor, org_a):
    response = signed_in_editor.post(
        edit_url(org_a), profile_data(org_a, country="MX", subdivision="mx-cmx")
    )

    assert response.status_code == 302
    org_a.refresh_from_db()
    assert (str(org_a.country), org_a.subdivision) == ("MX", "MX-CMX")
    assert org_a.place == "Albuquerque, Ciudad de México, Mexico"


def test_what_was_written_is_shown_to_the_team_until_a_state_is_chosen(
    signed_in_editor, org_a
):
    org_a.subdivision, org_a.region = "", "Lower Valley"
    org_a.save_revision().publish()

    html = signed_in_editor.get(edit_url(org_a)).content.decode()
    assert "was written as “Lower Valley”" in html

    signed_in_editor.post(edit_url(org_a), profile_data(org_a, subdivision="US-NM"))
    org_a.refresh_from_db()
    assert (org_a.subdivision, org_a.region) == ("US-NM", "")
    html = signed_in_editor.get(edit_url(org_a)).content.decode()
    assert "was written as" not in html


def test_what_was_written_is_never_shown_on_the_profile(client, org_a):
    org_a.subdivision, org_a.region = "", "Lower Valley"
    org_a.save_revision().publish()

    assert org_a.place == "Albuquerque"


def test_the_application_needs_a_state_where_the_country_has_them(client, db):
    from members.forms.application import ApplicationForm

    form = ApplicationForm({"country": "VA", "subdivision": ""})
    form.is_valid()
    assert "subdivision" not in form.errors  # the Holy See has none

    form = ApplicationForm({"country": "SV", "subdivision": ""})
    form.is_valid()
    assert form.errors["subdivision"] == ["Choose your state or region in El Salvador."]


def test_a_countrys_states_are_served_for_the_script(client, db):
    response = client.get("/places/mx/")

    assert response.status_code == 200
    data = response.json()
    assert (data["country"], data["name"]) == ("MX", "Mexico")
    assert ["MX-CMX", "Ciudad de México"] in data["subdivisions"]
    assert "public" in response["Cache-Control"]


def test_an_unknown_country_gets_a_clear_answer_not_an_error_page(client, db):
    response = client.get("/places/ZZ/")

    assert response.status_code == 404
    assert response.json() == {"error": "No country has this code."}


# --- Every surface names the place from its codes ----------------------------------


def test_every_surface_names_the_place_from_its_codes(client, directory):
    org = build_organization(
        directory,
        title="Colectivo Capital",
        city="Coyoacán",
        country="MX",
        subdivision="MX-CMX",
    )
    place = "Coyoacán, Ciudad de México, Mexico"

    assert place in client.get(org.url).content.decode()
    assert place in client.get("/members/").content.decode()
    api = client.get(f"/api/v2/pages/{org.pk}/").json()
    assert api["place"] == {
        "city": "Coyoacán",
        "subdivision": {"code": "MX-CMX", "name": "Ciudad de México"},
        "country": {"code": "MX", "name": "Mexico"},
    }
    graph = client.get("/members/graph/data/").json()
    assert [node["place"] for node in graph["nodes"] if node.get("place")] == [place]


def test_a_place_in_the_home_country_is_named_without_it(directory):
    org = build_organization(directory, city="El Paso", subdivision="US-TX")

    assert org.place == "El Paso, Texas"


def test_the_demo_network_records_every_place_as_codes(db, capsys):
    from members.geography import subdivision_country

    call_command("seed_network", "--orgs", "41")  # the 40th is abroad

    places = list(MemberOrganizationPage.objects.values_list("country", "subdivision"))
    assert len(places) >= 41
    assert all(subdivision_country(code) == country for country, code in places)
    assert {country for country, _code in places} > {"US"}
    assert not MemberOrganizationPage.objects.exclude(region="").exists()
    applications = MembershipApplication.objects.values_list("subdivision", flat=True)
    assert set(applications) == {"US-MS", "US-AZ"}


def test_the_admin_page_form_offers_the_countrys_states_and_shows_the_old_text(
    coordinator_client, directory
):
    org = build_organization(
        directory, title="Colectivo Sur", country="MX", subdivision="", region="Sur"
    )

    response = coordinator_client.get(f"/admin/pages/{org.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    listed = options(html)
    assert listed["groups"] == ["Mexico"]
    assert "MX-CMX" in listed["values"] and "US-TX" not in listed["values"]
    assert "js/places.js" in html
    assert "Sur" in html  # what was first written, for the coordinator to settle
    form = response.context["form"]
    assert "region" not in form.fields  # shown, never posted back
