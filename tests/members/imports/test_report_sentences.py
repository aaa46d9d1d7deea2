"""The totals sentence the command prints and the audit log shows counts in
words that agree with their numbers."""

import pytest

from members.imports.report import logged_summary, totals_sentence


@pytest.mark.parametrize(
    ("totals", "dry_run", "sentence"),
    [
        (
            {"rows": 1, "created": 1, "errors": 0},
            False,
            "Imported 1 organization: 1 created, 0 updated, 0 skipped, 0 errors.",
        ),
        (
            {"rows": 12, "created": 10, "skipped": 1, "errors": 1},
            False,
            "Imported 12 organizations: 10 created, 0 updated, 1 skipped, 1 error.",
        ),
        (
            {"rows": 1, "errors": 1},
            True,
            "Dry run of 1 row: would create 0, update 0, skip 0; 1 error.",
        ),
        (
            {"rows": 3, "created": 1, "errors": 2},
            True,
            "Dry run of 3 rows: would create 1, update 0, skip 0; 2 errors.",
        ),
    ],
)
def test_counts_agree_with_their_words(totals, dry_run, sentence):
    assert totals_sentence(totals, dry_run=dry_run) == sentence


def test_the_audit_log_shows_the_same_sentence_without_its_full_stop():
    data = {"rows": 2, "created": 2, "errors": 0}
    assert logged_summary(data) == totals_sentence(data).removesuffix(".")
