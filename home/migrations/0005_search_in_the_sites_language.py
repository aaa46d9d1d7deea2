"""Full-text search that understands English: "immigrants" finds "immigration",
"toolkits" finds "toolkit", and accents never matter ("educacion" finds
"educación").

- SQLite: Wagtail's FTS5 table is made with the default tokenizer, which does not
  stem. It is made again with the porter stemmer in front of the same unicode61
  tokenizer (diacritics removed), and refilled from the index entries it mirrors;
  the triggers that keep it in step name the table, so they carry on.
- PostgreSQL: a text search configuration, `unaccented_english` (settings'
  SEARCH_CONFIG), copied from PostgreSQL's English one with unaccent before its
  stemmer; and pg_trgm, for the directory's and library's close matches (Wagtail's
  Fuzzy query). Both extensions are trusted: the database's owner may create them.
  Index entries written before this were built without stemming:
  `manage.py update_index` rebuilds them.
"""

from django.db import migrations

FTS_TABLE = "wagtailsearch_indexentry_fts"
ENTRIES_TABLE = "wagtailsearch_indexentry"


def sqlite_fts(tokenize):
    return [
        f"DROP TABLE IF EXISTS {FTS_TABLE}",
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(autocomplete, body, title, "
        f"tokenize = '{tokenize}')",
        f"INSERT INTO {FTS_TABLE}(rowid, title, body, autocomplete) "
        f"SELECT id, title, body, autocomplete FROM {ENTRIES_TABLE}",
    ]


STEMMED = "porter unicode61 remove_diacritics 2"
UNSTEMMED = "unicode61"

POSTGRES_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS unaccented_english",
    "CREATE TEXT SEARCH CONFIGURATION unaccented_english (COPY = pg_catalog.english)",
    "ALTER TEXT SEARCH CONFIGURATION unaccented_english "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem",
]
POSTGRES_BACKWARDS = ["DROP TEXT SEARCH CONFIGURATION IF EXISTS unaccented_english"]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        connection = schema_editor.connection
        statements = statements_by_vendor.get(connection.vendor, [])
        if connection.vendor == "sqlite" and not fts_table_exists(connection):
            # No FTS5 in this SQLite: Wagtail searches without it.
            return
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    return operation


def fts_table_exists(connection):
    return FTS_TABLE in connection.introspection.table_names()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_reencode_existing_originals"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": sqlite_fts(STEMMED), "postgresql": POSTGRES_FORWARDS}),
            run({"sqlite": sqlite_fts(UNSTEMMED), "postgresql": POSTGRES_BACKWARDS}),
        )
    ]
