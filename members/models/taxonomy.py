from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from taggit.models import NaturalKeyManager, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.search.tasks import insert_or_update_object_task

from home.facets import same_words
from home.validation import invisible_characters

# A term's other names: at most this many, each at most this long.
MAX_ALIASES = 30
MAX_ALIAS_LENGTH = 80


def alias_lines(text):
    """The aliases written one per line, tidied: spaces collapsed, blank lines
    and repeats (by same_words) dropped, in the order written."""
    seen, aliases = set(), []
    for line in (text or "").splitlines():
        alias = " ".join(line.split())
        key = same_words(alias)
        if key and key not in seen:
            seen.add(key)
            aliases.append(alias)
    return aliases


class TermQuerySet(models.QuerySet):
    def by_name(self):
        """{same_words key: term} for every name and alias in the vocabulary, in
        one query (the vocabulary is short and curated)."""
        found = {}
        for term in self.order_by("pk"):
            for key in term.name_keys:
                found.setdefault(key, term)
        return found

    def named(self, text):
        """The term `text` names, by its name or any of its aliases, whatever the
        letter case, accents and punctuation; None when none does. The one lookup
        for anything that turns typed words into a term: members' suggestions, the
        coordinators' queue, imports."""
        key = same_words(text)
        return self.by_name().get(key) if key else None


class AliasedTerm(models.Model):
    """A vocabulary term with other names people use for it ("LGBTQ" for
    "LGBTIQ+ rights"), curated by coordinators. Search finds what is tagged with
    the term by any of them; members' suggestions and imports are matched to the
    term by them. A name or alias belongs to one term of its vocabulary only."""

    aliases = models.TextField(
        blank=True,
        verbose_name=_("other names"),
        help_text=_(
            "Other names people use for this term, one per line (for example "
            "“LGBTQ” for “LGBTIQ+ rights”). Searches find "
            "what is tagged with the term by any of them, and a member who "
            "suggests one is pointed to this term."
        ),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        before = (
            type(self)
            ._default_manager.filter(pk=self.pk)
            .values_list("name", "aliases")
            .first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if before is not None and before != (self.name, self.aliases):
            # What is tagged with the term is found by its names: index it again.
            transaction.on_commit(self.reindex_tagged)

    def clean(self):
        super().clean()
        aliases = [
            alias
            for alias in alias_lines(self.aliases)
            if same_words(alias) != same_words(self.name)
        ]
        self.aliases = "\n".join(aliases)
        errors = {}
        for alias in aliases:
            if invisible_characters(alias):
                errors.setdefault("aliases", []).append(
                    _("“%(alias)s” contains invisible characters.") % {"alias": alias}
                )
            elif len(alias) > MAX_ALIAS_LENGTH:
                errors.setdefault("aliases", []).append(
                    _("Keep each alias to %(max)d characters.")
                    % {"max": MAX_ALIAS_LENGTH}
                )
        if len(aliases) > MAX_ALIASES:
            errors.setdefault("aliases", []).append(
                _("Give at most %(max)d aliases.") % {"max": MAX_ALIASES}
            )
        others = type(self)._default_manager.exclude(pk=self.pk).by_name()
        clash = others.get(same_words(self.name))
        if clash is not None:
            errors["name"] = [
                _(
                    "“%(term)s” already has this as its name or an "
                    "alias: each name belongs to one term."
                )
                % {"term": clash.name}
            ]
        for alias in aliases:
            clash = others.get(same_words(alias))
            if clash is not None:
                errors.setdefault("aliases", []).append(
                    _(
                        "“%(alias)s” already names “%(term)s”: "
                        "each name belongs to one term. Remove it here or there."
                    )
                    % {"alias": alias, "term": clash.name}
                )
        if errors:
            raise ValidationError(errors)

    @property
    def alias_list(self):
        return alias_lines(self.aliases)

    @property
    def name_keys(self):
        """same_words keys of the name and every alias."""
        keys = [same_words(self.name)] + [same_words(a) for a in self.alias_list]
        return [key for key in keys if key]

    def reindex_tagged(self):
        """Queue every indexed object tagged with this term for re-indexing,
        whichever app tags with it (found through the model's relations, so
        members need not know the apps above it)."""
        for model, pks in self.tagged():
            for pk in pks:
                insert_or_update_object_task.enqueue(
                    model._meta.app_label, model._meta.model_name, str(pk)
                )

    def tagged(self):
        """(indexed model, primary keys) for each relation that tags with it."""
        for relation in self._meta.related_objects:
            if relation.many_to_many:
                model = relation.related_model
                pks = model._default_manager.filter(**{relation.field.name: self})
                pks = pks.values_list("pk", flat=True)
            else:
                through = relation.related_model
                names = {field.name for field in through._meta.get_fields()}
                if "content_object" not in names:
                    continue
                model = through._meta.get_field("content_object").related_model
                pks = through._default_manager.filter(**{relation.field.name: self})
                pks = pks.values_list("content_object_id", flat=True)
            if issubclass(model, index.Indexed) and model.get_search_fields():
                yield model, pks


class RightsCategory(models.TextChoices):
    CIVIL_POLITICAL = "civil-political", _("Civil and political rights")
    ECONOMIC_SOCIAL = "economic-social", _("Economic and social rights")
    CULTURAL = "cultural", _("Cultural rights")
    CROSS_CUTTING = "cross-cutting", _("Cross-cutting")


TermManager = models.Manager.from_queryset(TermQuerySet)


class IssueAreaManager(NaturalKeyManager.from_queryset(TermQuerySet)):
    pass


# What a search finds a term's objects by: the term's name and its aliases.
TERM_SEARCH_FIELDS = [index.SearchField("name"), index.SearchField("aliases")]


class IssueArea(index.Indexed, AliasedTerm, TagBase):
    """The one shared taxonomy: organizations, campaigns and board threads all tag
    with it, each through its own ItemBase model, so one issue area links them."""

    # Members cannot invent new issue areas by typing; coordinators curate the list.
    free_tagging = False

    description = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("One line that says what the issue area covers."),
        verbose_name=_("description"),
    )
    rights_category = models.CharField(
        max_length=20,
        choices=RightsCategory.choices,
        default=RightsCategory.CROSS_CUTTING,
        help_text=_("Groups the issue areas on the issues page."),
        verbose_name=_("rights category"),
    )
    # Linked both ways. Hubs and board threads also relate issue areas that many
    # organizations work on together (members.related_rights).
    related_areas = models.ManyToManyField(
        "self",
        blank=True,
        verbose_name=_("related issue areas"),
        help_text=_(
            "Issue areas the network works on together with this one. Linking one "
            "here links both ways; hubs and board threads show them as related."
        ),
    )

    objects = IssueAreaManager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("aliases"),
        FieldPanel("description"),
        FieldPanel("rights_category"),
        FieldPanel("related_areas"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("aliases"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("issue area")
        verbose_name_plural = _("issue areas")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"/issues/{self.slug}/"


class Approach(AliasedTerm):
    """How an organization works: litigation, grassroots organizing, research…"""

    name = models.CharField(
        max_length=80, unique=True, help_text=_("Plain name."), verbose_name=_("name")
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Used in URLs."), verbose_name=_("slug")
    )

    objects = TermManager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("aliases")]

    class Meta:
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Population(AliasedTerm):
    """Who an organization serves: immigrants and refugees, workers, children…"""

    name = models.CharField(
        max_length=80, unique=True, help_text=_("Plain name."), verbose_name=_("name")
    )
    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Used in URLs."), verbose_name=_("slug")
    )

    objects = TermManager()

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("aliases")]

    class Meta:
        verbose_name = _("population served")
        verbose_name_plural = _("populations served")
        ordering = ["name"]

    def __str__(self):
        return self.name
