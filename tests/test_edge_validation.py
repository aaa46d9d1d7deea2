"""Every id and number a request carries is validated at the edge (issue 11, item 10).

Three tests guard the class rather than the instances found so far:
- every choice field of every form in the project's apps is one of home.validation's,
  which refuse ids no row can have before asking the database;
- every URL pattern of the project's own views reads ids with the bounded `<id:...>`
  converter, never Django's `<int:...>` (which accepts any run of digits);
- hostile values in every parameter the public pages, the API and the forms read
  answer below 500.
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter

from home import validation
from tests.conftest import pass_two_factor

PROJECT_APPS = ("home", "members", "campaigns", "network")


def project_modules():
    """Every module of the project's apps, imported (tests, migrations and the
    settings package aside)."""
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        yield package
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" in info.name or info.name.startswith("network.settings"):
                continue
            yield importlib.import_module(info.name)


def project_form_classes():
    seen = set()
    for module in project_modules():
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
                and value not in seen
            ):
                seen.add(value)
                yield value


def plain_choice_fields(fields):
    """The Django choice fields among `fields` that are not home.validation's."""
    plain = []
    for name, field in fields.items():
        if isinstance(field, forms.ModelMultipleChoiceField):
            if not isinstance(field, validation.ModelMultipleChoiceField):
                plain.append(name)
        elif isinstance(field, forms.ModelChoiceField) and not isinstance(
            field, validation.ModelChoiceField
        ):
            plain.append(name)
    return plain


def is_projects(module_name):
    return module_name.split(".")[0] in PROJECT_APPS


def our_viewsets():
    from wagtail.admin.viewsets import viewsets

    get_resolver().url_patterns  # noqa: B018 - loading the URLconf fills the registry
    return [
        viewset
        for viewset in viewsets.viewsets
        if is_projects(type(viewset).__module__)
    ]


def test_the_project_has_forms_to_check():
    names = {form.__name__ for form in project_form_classes()}

    assert {"ApplicationForm", "ProfileForm", "PledgeForm", "ResourceForm"} <= names


@pytest.mark.parametrize("form_class", list(project_form_classes()), ids=str)
def test_every_choice_field_refuses_impossible_ids_before_the_database(form_class):
    plain = plain_choice_fields(form_class.base_fields)

    assert plain == [], (
        f"{form_class.__module__}.{form_class.__name__}: use home.validation's "
        f"ModelChoiceField / ModelMultipleChoiceField for {plain}"
    )


@pytest.mark.django_db
def test_every_admin_listing_filter_refuses_impossible_ids_before_the_database():
    checked = []
    for viewset in our_viewsets():
        view_function = viewset.index_view
        view = view_function.view_class(**view_function.view_initkwargs)
        if view.filterset_class is None:
            continue
        filterset = view.filterset_class(data={}, queryset=viewset.model.objects.none())
        checked.append(viewset.name)
        assert plain_choice_fields(filterset.form.fields) == [], viewset.name

    assert "campaign_pledges" in checked
    assert "membership_applications" in checked


def view_module(pattern):
    callback = pattern.callback
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    return getattr(view_class or callback, "__module__", "") or ""


def project_url_patterns(patterns, ours, prefix="", namespaces=()):
    """(route, converters) of every URL pattern that leads to the project's views,
    include() prefixes with their converters included. `ours` are the namespaces
    of the project's Wagtail viewsets: their views are Wagtail's classes, so only
    the viewset says whose they are."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        converters = getattr(pattern.pattern, "converters", {})
        if isinstance(pattern, URLResolver):
            inner = (
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            )
            module = getattr(pattern.urlconf_module, "__name__", "") or ""
            if is_projects(module) or ours.intersection(inner):
                yield route, converters
            yield from project_url_patterns(pattern.url_patterns, ours, route, inner)
        elif is_projects(view_module(pattern)) or ours.intersection(namespaces):
            yield route, converters


def test_every_id_in_the_projects_urls_uses_the_bounded_converter():
    ours = {viewset.url_namespace for viewset in our_viewsets()}
    routes = list(project_url_patterns(get_resolver().url_patterns, ours))
    plain = [
        route
        for route, converters in routes
        if any(isinstance(c, IntConverter) for c in converters.values())
    ]

    # The walk reaches the project's own URLconfs, its admin viewsets and the API.
    assert any(route.startswith("account/") for route, _c in routes)
    assert any(route.startswith("admin/applications/") for route, _c in routes)
    assert any(route.startswith("api/v2/") for route, _c in routes)
    assert plain == [], f"use <id:...> instead of <int:...> in {plain}"


@pytest.mark.django_db
def test_the_bounded_converter_answers_404_for_ids_no_row_can_have(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())

    for value in ("99999999999999999999", "9223372036854775808", "0"):
        response = client.get(f"/account/resources/{value}/edit/")
        assert response.status_code == 404, value


# --- hostile values in every parameter the pages read --------------------------------

HOSTILE = [
    "\x00",
    "99999999999999999999",
    "-1",
    "²",
    "٣",
    "²⁰²⁶",
    "١٢٣٤",
    "1e3",
    "",
    " ",
    "rights " * 1500,
]


@pytest.fixture
def network(home_page, directory, issues_index):
    """A small network: public and hidden organizations, an issue area, a campaign
    with a calendar, a library with a resource, the news, and the board page."""
    from tests.factories import (
        CalendarPageFactory,
        CampaignIndexPageFactory,
        CampaignPageFactory,
        EventFactory,
        IssueAreaFactory,
        MembershipFactory,
        NewsIndexPageFactory,
        NewsPageFactory,
        ResourceIndexPageFactory,
        ResourcePageFactory,
        UserFactory,
        build_organization,
    )

    housing = IssueAreaFactory(name="Housing", slug="housing")
    public = build_organization(
        directory, title="Open Door Tenants", issue_areas=[housing]
    )
    build_organization(directory, title="Quiet Shelter", visibility="hidden")
    campaigns = CampaignIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(parent=campaigns, title="Homes for all")
    EventFactory(campaign=campaign)
    CalendarPageFactory(parent=home_page)
    library = ResourceIndexPageFactory(parent=home_page)
    ResourcePageFactory(parent=library, title="Tenant toolkit", organizations=[public])
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news)
    member = UserFactory(username="edge_member")
    MembershipFactory(user=member, organization=public, role="admin")
    return {
        "public": public,
        "housing": housing,
        "campaign": campaign,
        "member": member,
    }


GET_SURFACES = {
    "/members/": [
        "q",
        "issue",
        "match",
        "approach",
        "population",
        "state",
        "country",
        "scope",
        "affected",
        "founding",
        "sort",
        "page",
        "complements",
    ],
    "/members/export/": [
        "q",
        "issue",
        "match",
        "approach",
        "population",
        "state",
        "country",
        "scope",
        "affected",
        "founding",
        "sort",
        "page",
    ],
    "/members/graph/": ["issue", "state"],
    "/members/graph/data/": ["issue", "state"],
    "/issues/housing/": ["page"],
    "/resources/": ["q", "kind", "issue", "org", "language", "year", "page"],
    "/calendar/": ["kind", "issue"],
    "/calendar/ical/": ["issue"],
    "/campaigns/": ["status", "issue", "page"],
    "/news/": ["page"],
    "/search/": ["q", "kind", "page"],
    "/api/v2/pages/": [
        "search",
        "search_operator",
        "offset",
        "limit",
        "order",
        "type",
        "fields",
        "child_of",
        "descendant_of",
        "ancestor_of",
        "translation_of",
        "id",
        "locale",
        "slug",
        "title",
    ],
    "/api/v2/pages/find/": ["id", "html_path"],
}


def server_errors(client, method, path, params, base=None):
    """(parameter, value, status) for every hostile value that answered 500."""
    found = []
    for name in params:
        for value in HOSTILE:
            data = {**(base or {}), name: value}
            response = getattr(client, method)(path, data)
            if response.status_code >= 500:
                found.append((name, value[:20], response.status_code))
    return found


@pytest.fixture
def quiet_client():
    """A client that returns 500s as responses, so every one can be listed."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", list(GET_SURFACES))
@pytest.mark.parametrize("who", ["visitor", "member"])
def test_hostile_query_values_never_answer_a_server_error(
    quiet_client, network, path, who
):
    if who == "member":
        quiet_client.force_login(network["member"])

    assert server_errors(quiet_client, "get", path, GET_SURFACES[path]) == []


@pytest.mark.parametrize(
    "text", [" ", '"', '"rights', 'a"b', "\u3000", "AND", "NEAR(", "*", "a:b", "😀"]
)
def test_search_syntax_in_the_api_answers_below_500(quiet_client, network, text):
    response = quiet_client.get("/api/v2/pages/", {"search": text})

    assert response.status_code == 200


def test_the_api_search_still_finds_pages_by_their_words(client, network):
    for text in ("toolkit", '"Tenant toolkit', "tenant: toolkit!"):
        response = client.get("/api/v2/pages/", {"search": text})
        titles = [item["title"] for item in response.json()["items"]]
        assert "Tenant toolkit" in titles, text


def test_hostile_api_page_ids_answer_not_found(quiet_client, network):
    for value in ("99999999999999999999", "²", "٣", "-1"):
        response = quiet_client.get(f"/api/v2/pages/{value}/")
        assert response.status_code == 404, value
    assert quiet_client.get("/api/v2/pages/?search=%00").status_code == 400
    assert (
        quiet_client.get("/api/v2/pages/?offset=99999999999999999999").status_code
        == 400
    )


def test_hostile_values_in_the_application_to_join_answer_below_500(
    quiet_client, network
):
    base = {
        "organization_name": "Edge Case Collective",
        "summary": "Testing every door.",
        "issue_areas": [str(network["housing"].pk)],
        "city": "Riverside",
        "country": "US",
        "subdivision": "US-CA",
        "scope": "local",
        "contact_name": "Ana Lopez",
        "contact_email": "ana@edge.example.org",
        "visibility": "members",
        "agrees_to_principles": "on",
    }
    fields = [
        "issue_areas",
        "approaches",
        "founded_year",
        "country",
        "subdivision",
        "scope",
    ]

    assert server_errors(quiet_client, "post", "/join/", fields, base) == []


def test_hostile_values_in_the_profile_form_answer_below_500(quiet_client, network):
    from tests.members.profile_forms import profile_data

    organization = network["public"]
    quiet_client.force_login(network["member"])
    path = f"/account/organizations/{organization.pk}/profile/"
    fields = [
        "issue_areas",
        "approaches",
        "populations",
        "based_on",
        "founded_year",
        "country",
        "subdivision",
    ]

    assert (
        server_errors(quiet_client, "post", path, fields, profile_data(organization))
        == []
    )


def test_hostile_values_in_the_resource_form_answer_below_500(quiet_client, network):
    quiet_client.force_login(network["member"])
    base = {
        "organization": network["public"].pk,
        "title": "Heat safety plan",
        "summary": "Checking on neighbors during heat waves.",
        "kind": "toolkit",
        "publication_date": "2026-06-01",
        "language": "en",
        "visibility": "public",
    }
    fields = ["organization", "contributors", "cosigners", "issue_areas"]

    errors = server_errors(
        quiet_client, "post", "/account/resources/new/", fields, base
    )

    assert errors == []


def test_hostile_organizations_in_sign_on_and_withdrawal_answer_below_500(
    quiet_client, network
):
    quiet_client.force_login(network["member"])
    campaign = network["campaign"]

    for action in ("sign-on/", "sign-on/withdraw/"):
        path = campaign.url + action
        assert server_errors(quiet_client, "post", path, ["organization"]) == []


def test_hostile_campaign_filter_in_the_pledge_export_answers_below_500(
    quiet_client, network, coordinator
):
    quiet_client.force_login(coordinator)
    pass_two_factor(quiet_client, coordinator)

    errors = server_errors(
        quiet_client,
        "get",
        "/admin/campaigns/pledges/",
        ["campaign"],
        {"export": "csv"},
    )

    assert errors == []


# --- invisible characters in single-line text (issue 11, item 16) -------------------

# Free text over several lines (paragraphs, reasons, notes), passwords, and the
# honeypots people never see: the only text fields that may hold any character.
FREE_TEXT = {
    "members.admin_desk.applications.DecisionForm.decision_reason",
    "members.admin_desk.suggestions.SuggestionDecisionForm.decision_note",
    "members.forms.teams.AcceptInvitationForm.new_password1",
    "members.forms.teams.AcceptInvitationForm.new_password2",
    "members.forms.application.ApplicationForm.summary",
    "members.forms.application.ApplicationForm.mission",
    "members.forms.application.ApplicationForm.message",
    "members.forms.profile.ProfileForm.summary",
    "members.forms.profile.ProfileForm.mission",
    "members.forms.profile.ProfileForm.looking_for_partners_on",
    "campaigns.library.forms.ResourceForm.summary",
    "campaigns.library.forms.ResourceForm.body_text",
}
HONEYPOTS = {
    "members.forms.application.ApplicationForm.fax_number",
    "campaigns.forms.PledgeForm.website",
}
# A sign-in username is checked against accounts, never shown to anyone.
SIGN_IN = {"username", "password"}


def text_fields():
    """(dotted name, field) of every text field of the forms in members/ and
    campaigns/."""
    for form_class in project_form_classes():
        if form_class.__module__.split(".")[0] not in ("members", "campaigns"):
            continue
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.CharField):
                yield f"{form_class.__module__}.{form_class.__name__}.{name}", field


def single_line_text_fields():
    return [
        (name, field)
        for name, field in text_fields()
        if name not in FREE_TEXT | HONEYPOTS and name.rsplit(".", 1)[1] not in SIGN_IN
    ]


def samples(field):
    """A value the field accepts, and the same with a right-to-left override."""
    if isinstance(field, forms.EmailField):
        return "ana@example.org", "ana@exa\u202emple.org"
    if isinstance(field, forms.URLField):
        return "https://example.org/", "https://example.org/\u202egpj.exe"
    return "Ana Lopez", "Ana \u202eLopez"


def test_the_allow_list_names_only_multi_line_text_passwords_and_honeypots():
    fields = dict(text_fields())

    assert FREE_TEXT | HONEYPOTS <= set(fields)
    for name in FREE_TEXT:
        assert isinstance(fields[name].widget, (forms.Textarea, forms.PasswordInput)), (
            name
        )
    for name in HONEYPOTS:
        assert fields[name].label == "Leave this field empty", name


@pytest.mark.parametrize(
    "field", [pytest.param(field, id=name) for name, field in single_line_text_fields()]
)
def test_every_single_line_text_field_refuses_invisible_characters(field):
    from django.core.exceptions import ValidationError

    good, spoofed = samples(field)
    field.clean(good)

    with pytest.raises(ValidationError):
        field.clean(spoofed)
