"""The controlled vocabularies as lists show them: issue areas, approaches and
populations (and a profile's social links) read as plain `Term`s, several lists in
one UNION query."""

from dataclasses import dataclass

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast

from members.models import (
    Approach,
    IssueArea,
    OrganizationLink,
    Population,
)


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary, as the directory shows it."""

    kind: str
    pk: int
    slug: str
    name: str
    category: str = ""

    def get_absolute_url(self):
        if self.kind == "issue":
            return IssueArea(slug=self.slug).get_absolute_url()
        return ""

    @property
    def url(self):
        """A social link's address (links keep it in `slug`)."""
        return self.slug

    @property
    def label(self):
        return self.name


class Vocabulary:
    """Issue areas, approaches and populations, loaded in one query."""

    def __init__(self, terms):
        self.issue_areas = [term for term in terms if term.kind == "issue"]
        self.approaches = [term for term in terms if term.kind == "approach"]
        self.populations = [term for term in terms if term.kind == "population"]
        self.by_slug = {(term.kind, term.slug): term for term in terms}
        self.by_pk = {(term.kind, term.pk): term for term in terms}

    @classmethod
    def load(cls):
        empty = Value("", output_field=CharField())
        rows = term_rows(IssueArea.objects.all(), "issue", F("rights_category")).union(
            term_rows(Approach.objects.all(), "approach", empty),
            term_rows(Population.objects.all(), "population", empty),
            all=True,
        )
        terms = sorted(
            (Term(*row) for row in rows), key=lambda term: term.name.casefold()
        )
        return cls(terms)


def term_rows(queryset, kind, category, slug="slug", name="name"):
    """(kind, pk, slug, name, category) rows of a vocabulary, ready to UNION with
    others so that several lists arrive in one query."""
    return (
        queryset.order_by()
        .annotate(
            term_kind=Value(kind, output_field=CharField()),
            term_pk=F("pk"),
            term_slug=F(slug),
            term_name=F(name),
            term_category=category,
        )
        .values_list("term_kind", "term_pk", "term_slug", "term_name", "term_category")
    )


def profile_terms(organization):
    """An organization's issue areas, approaches, populations and social links, in
    one query: {kind: [Term, ...]} (a link's slug is its URL, its name its label)."""
    empty = Value("", output_field=CharField())
    rows = term_rows(
        IssueArea.objects.filter(organization_items__content_object=organization),
        "issue",
        F("rights_category"),
    ).union(
        term_rows(
            Approach.objects.filter(organizations=organization), "approach", empty
        ),
        term_rows(
            Population.objects.filter(organizations=organization), "population", empty
        ),
        term_rows(
            OrganizationLink.objects.filter(organization=organization),
            "link",
            Cast("sort_order", output_field=CharField()),
            slug="url",
            name="label",
        ),
        all=True,
    )
    terms = {"issue": [], "approach": [], "population": [], "link": []}
    for row in rows:
        terms[row[0]].append(Term(*row))
    for kind in ("issue", "approach", "population"):
        terms[kind].sort(key=lambda term: term.name.casefold())
    terms["link"].sort(key=lambda term: (int(term.category or 0), term.pk))
    return terms
