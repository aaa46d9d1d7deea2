"""The site in Spanish (home.languages, members.views.language): which language
a request is served in, the switcher, the alternates, and that the interface a
Spanish reader gets holds no English string of the catalog."""

import re
from html.parser import HTMLParser

import polib
import pytest
from django.core import mail

from home.languages import choose_language, socket_language
from home.translations import LOCALE_DIR, catalog_problems
from network.notifications.sending import notify
from tests.factories import MemberOrganizationPageFactory

pytestmark = pytest.mark.django_db


# --- which language ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/members/", "/es/members/"),
        ("/members/?q=vivienda&issue=housing", "/es/members/?q=vivienda&issue=housing"),
        ("/", "/es/"),
        ("/accounts/login/", "/es/accounts/login/"),
        ("/board/", "/es/board/"),
    ],
)
def test_a_browser_asking_for_spanish_is_sent_to_the_spanish_address(
    client, directory, path, expected
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    "path", ["/api/v2/pages/", "/healthz", "/sitemap.xml", "/admin/login/"]
)
def test_addresses_that_are_not_pages_are_never_redirected(client, directory, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
    assert not (
        response.status_code in (301, 302) and response["Location"].startswith("/es/")
    )


def test_english_and_unknown_languages_stay_at_todays_addresses(client, directory):
    for header in ["en-US,en;q=0.9", "fr-FR,fr;q=0.9", "", "*"]:
        assert client.get("/members/", HTTP_ACCEPT_LANGUAGE=header).status_code == 200


def test_choosing_english_with_the_switcher_wins_over_the_browser(client, directory):
    client.cookies["django_language"] = "en"
    response = client.get("/members/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_the_address_names_its_language(client, directory):
    html = client.get("/es/members/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="es">' in html
    assert "Iniciar sesión" in html and "Sign in" not in html
    assert '<html lang="en">' in client.get("/members/").content.decode()


def test_every_page_links_its_versions_in_each_language(client, directory):
    html = client.get("/es/members/?q=casa").content.decode()
    links = dict(
        re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)
    )
    assert links["en"].endswith("/members/") and links["x-default"] == links["en"]
    assert links["es"].endswith("/es/members/")
    # Menu and section links follow the language being read.
    assert 'href="/es/members/"' in html


def test_socket_frames_follow_the_pages_language():
    assert socket_language({"query_string": b"lang=es"}) == "es"
    assert socket_language({"query_string": b"lang=xx"}) == "en"
    cookie_scope = {"query_string": b"", "cookies": {"django_language": "es"}}
    assert socket_language(cookie_scope) == "es"
    header_scope = {"headers": [(b"accept-language", b"es-AR,es;q=0.8")]}
    assert socket_language(header_scope) == "es"
    assert choose_language([None, ""], "de, fr") is None


# --- the switcher --------------------------------------------------------------------


def test_the_switcher_keeps_the_page_and_its_search(client, directory):
    response = client.post(
        "/language/",
        {"language": "es", "next": "/members/"},
        HTTP_REFERER="http://testserver/members/?q=vivienda",
    )
    assert response.status_code == 302
    assert response["Location"] == "/es/members/?q=vivienda"
    assert response.cookies["django_language"].value == "es"

    back = client.post("/language/", {"language": "en", "next": "/es/members/"})
    assert back["Location"] == "/members/"
    assert client.get("/members/", HTTP_ACCEPT_LANGUAGE="es").status_code == 200


@pytest.mark.parametrize(
    "next_page", ["//evil.example/", "https://evil.example/", "javascript:alert(1)", ""]
)
def test_the_switcher_never_leaves_the_site(client, directory, next_page):
    response = client.post("/language/", {"language": "es", "next": next_page})
    assert response["Location"] == "/es/"


@pytest.mark.parametrize("language", ["fr", "", "es-evil", "<script>"])
def test_a_language_the_site_does_not_have_is_refused(client, directory, language):
    response = client.post("/language/", {"language": language, "next": "/"})
    assert response.status_code == 400
    assert "not available in that language" in response.content.decode()
    assert "django_language" not in response.cookies


def test_the_switcher_is_a_post(client, directory):
    assert client.get("/language/?language=es").status_code == 405


def test_a_signed_in_persons_choice_is_kept_for_their_emails(
    client, directory, admin_a, org_a, django_capture_on_commit_callbacks
):
    client.force_login(admin_a)
    client.post("/language/", {"language": "es", "next": "/"})
    admin_a.refresh_from_db()
    assert admin_a.language == "es"

    newcomer = MemberOrganizationPageFactory(parent=directory, title="Casa Nueva")
    with django_capture_on_commit_callbacks(execute=True):
        notify("profile_stale", [admin_a], organization=newcomer)
    message = mail.outbox[-1]
    assert "Casa Nueva" in message.body
    # The email's own words are Spanish: its footer and subject.
    assert "Elija" in message.body or "notificaciones" in message.body.lower()
    assert "Choose what" not in message.body


def test_form_errors_are_in_spanish(client, directory):
    html = client.post("/es/join/", {}).content.decode()
    assert "Escriba el nombre de su organización." in html  # the project's own
    assert "Este campo es necesario." in html  # Django's
    assert "This field is required" not in html


# --- the catalog ----------------------------------------------------------------------


def test_the_spanish_catalog_is_complete():
    assert catalog_problems() == []


class VisibleText(HTMLParser):
    """Text a reader sees, skipping scripts, styles and anything marked as
    written in another language (content keeps its own lang)."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "source"):
            return
        lang = dict(attrs).get("lang")
        hidden = tag in ("script", "style", "template") or (lang and lang != "es")
        self.stack.append((tag, bool(hidden)))

    def handle_endtag(self, tag):
        while self.stack:
            open_tag, _hidden = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if not any(hidden for _tag, hidden in self.stack) and data.strip():
            self.texts.append(" ".join(data.split()))


def english_interface_strings():
    catalog = polib.pofile(str(LOCALE_DIR / "es/LC_MESSAGES/django.po"))
    return {
        entry.msgid.casefold()
        for entry in catalog
        if entry.msgstr
        and entry.msgstr != entry.msgid
        and "%" not in entry.msgid
        and len(entry.msgid) > 3
    }


SPANISH_PATHS = [
    "/es/",
    "/es/members/",
    "/es/members/?q=vivienda",
    "/es/members/org-a-tenants-united/",
    "/es/join/",
    "/es/accounts/login/",
    "/es/search/?q=casa",
    "/es/no-such-page/",
]


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_a_spanish_reader_meets_no_english_interface_string(
    client, directory, org_a, admin_a, who
):
    english = english_interface_strings()
    if who == "member":
        client.force_login(admin_a)
    for path in SPANISH_PATHS + (["/es/account/"] if who == "member" else []):
        response = client.get(path)
        parser = VisibleText()
        parser.feed(response.content.decode())
        # A label's colon and a capital letter do not make it another string.
        shown = {text.rstrip(":").strip().casefold() for text in parser.texts}
        found = sorted(shown & english)
        assert found == [], (path, found)


def test_the_switcher_sets_no_cookie_on_a_visitors_page(client, directory):
    for path in ["/members/", "/es/members/"]:
        assert not client.get(path).cookies, path


def test_a_facets_count_agrees_with_its_number(client, directory, org_a):
    def counts(path):
        text = re.sub(r"<[^>]+>", "", client.get(path).content.decode())
        return set(re.findall(r"\((\d+ \w+)\)", text))

    assert "1 organization" in counts("/members/")
    assert "1 organización" in counts("/es/members/")
    assert not {"1 organizations", "1 organizaciones"} & counts("/es/members/")


def test_an_applicant_is_written_to_in_the_language_they_applied_in(
    client, directory, coordinator, django_capture_on_commit_callbacks
):
    from members.actions.applications import do_decline_application
    from members.models import IssueArea, MembershipApplication

    housing = IssueArea.objects.get(slug="housing")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/es/join/",
            {
                "organization_name": "Comité Vecinal del Agua",
                "summary": "Vecinas que analizan el agua que beben.",
                "issue_areas": [str(housing.pk)],
                "city": "Tijuana",
                "subdivision": "MX-BCN",
                "country": "MX",
                "scope": "local",
                "contact_name": "Ana Ruiz",
                "contact_email": "ana@agua.example.org",
                "visibility": "public",
                "agrees_to_principles": "on",
            },
        )
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    assert application.language == "es"
    to_applicant = [m for m in mail.outbox if m.to == ["ana@agua.example.org"]]
    assert "Comité Vecinal del Agua" in to_applicant[0].body
    assert "Thank you" not in to_applicant[0].body

    # Decided later by a coordinator reading the admin in English.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        do_decline_application(application, coordinator, "Fuera de nuestra región.")
    (declined,) = mail.outbox
    assert "/es/join/" in declined.body
    assert "Fuera de nuestra región." in declined.body
