"""Every label the models give the forms and the admin can be translated.

A field without an explicit `verbose_name` gets one Django makes from its name
("organization name"): a plain string gettext never sees, so the Spanish site
shows it in English. The same holds for a model's Meta names (and the made-up
plural is often wrong English besides: "approachs"). So every concrete field
defined on a model of our apps, and every model, names itself with
`gettext_lazy`."""

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

APPS = ("home", "members", "campaigns", "network")


def our_models():
    for app in APPS:
        yield from apps.get_app_config(app).get_models()


def untranslatable_fields(model_classes):
    """`app.Model.field` for each field defined on one of the models (not the
    ones auto-created for relations, nor those of a concrete parent, which
    belong to the parent) whose label is a plain string."""
    offenders = []
    for model in model_classes:
        for field in model._meta.get_fields():
            if not getattr(field, "concrete", False) or field.auto_created:
                continue
            if field.model is not model:
                continue
            if not isinstance(field.verbose_name, Promise):
                offenders.append(f"{model._meta.label}.{field.name}")
    return offenders


def untranslatable_model_names(model_classes):
    """`app.Model` for each model whose Meta does not give both names as
    translatable strings (Django's defaults are made from the class name)."""
    offenders = []
    for model in model_classes:
        declared = model._meta.original_attrs
        for option in ("verbose_name", "verbose_name_plural"):
            if option not in declared or not isinstance(declared[option], Promise):
                offenders.append(f"{model._meta.label} ({option})")
    return offenders


def test_every_field_of_our_models_has_a_translatable_label():
    offenders = untranslatable_fields(our_models())
    assert not offenders, (
        "These fields have no verbose_name=_(...), so their label stays in "
        "English: " + ", ".join(offenders)
    )


def test_every_model_of_ours_has_translatable_names():
    offenders = untranslatable_model_names(our_models())
    assert not offenders, (
        "These models need verbose_name = _(...) and verbose_name_plural = "
        "_(...) in their Meta: " + ", ".join(offenders)
    )


def test_the_apps_have_models_to_check():
    # The checks above pass on nothing at all: make sure they see our models.
    checked = {model._meta.label for model in our_models()}
    assert {"members.MemberOrganizationPage", "network.Post"} <= checked


@isolate_apps("tests")
def test_the_checks_find_a_label_made_from_the_field_name():
    class Labelled(models.Model):
        named = models.CharField(max_length=10, verbose_name=_("named"))
        related = models.ForeignKey(
            "self", on_delete=models.CASCADE, verbose_name=_("related")
        )

        class Meta:
            app_label = "tests"
            verbose_name = _("labelled")
            verbose_name_plural = _("labelled ones")

        def __str__(self):
            return self.named

    class Unlabelled(models.Model):
        organization_name = models.CharField(max_length=10)
        related = models.ForeignKey("self", on_delete=models.CASCADE)

        class Meta:
            app_label = "tests"
            verbose_name = "unlabelled"

        def __str__(self):
            return self.organization_name

    assert untranslatable_fields([Labelled, Unlabelled]) == [
        "tests.Unlabelled.organization_name",
        "tests.Unlabelled.related",
    ]
    assert untranslatable_model_names([Labelled, Unlabelled]) == [
        "tests.Unlabelled (verbose_name)",
        "tests.Unlabelled (verbose_name_plural)",
    ]
