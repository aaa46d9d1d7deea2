import pytest
from tests.factories import MemberOrganizationPageFactory, IssueAreaFactory
from members.models import IssueArea
pytestmark = pytest.mark.django_db

def test_scratch(client, directory, home_page, admin_client):
    from members.models import IssueAreaIndexPage
    idx = IssueAreaIndexPage(title="Issues", slug="issues"); home_page.add_child(instance=idx)
    a = IssueArea.objects.get(slug="torture"); b = IssueArea.objects.get(slug="housing")
    o1 = MemberOrganizationPageFactory(parent=directory, title="One", issue_areas=[a, b])
    o2 = MemberOrganizationPageFactory(parent=directory, title="Two", issue_areas=[b])
    for url in ["/members/", "/members/?q=One", "/members/one/", "/issues/", "/issues/housing/", "/members/graph/", "/members/graph/data/?issue=housing", "/", "/sitemap.xml", "/members/?issue=torture&state=Nowhere"]:
        r = client.get(url)
        print(url, r.status_code)
        assert r.status_code == 200, r.content.decode()[:3000]
    print(client.get("/members/?issue=torture&state=Nowhere").content.decode())
    for url in ["/admin/snippets/members/issuearea/", "/admin/snippets/members/approach/"]:
        assert admin_client.get(url).status_code == 200
