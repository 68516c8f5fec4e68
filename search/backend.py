"""Wagtail's database search backend, stemming each page in its own language on PostgreSQL.

Wagtail's PostgreSQL backend has one text-search configuration, SEARCH_CONFIG, both to turn every
object into lexemes and to parse every query. One backend per language does not help: they all
write to the same index table and the last one wins (wagtail/wagtail#9253). Here the index keeps
one table and one entry per object, but:

- each object is indexed with the configuration of its locale (LANGUAGE_CONFIGS), objects without
  a locale (images, documents) with SEARCH_CONFIG;
- a search given a language, `get_search_backend(LANGUAGE="en")`, parses the query with that
  language's configuration: "ateliers" and "atelier" both become "ateli" on French pages,
  "workshops" and "workshop" "workshop" on English ones;
- a search without one (the admin, across languages) matches a query parsed in any of them.

Other databases get Wagtail's backend unchanged: SQLite matches words as written (FTS5).
"""

import copy
import operator
from collections import defaultdict
from contextlib import contextmanager
from functools import reduce

from django.db import connection, transaction

from wagtail.models import Locale, TranslatableMixin
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)


class LocalisedIndex(PostgresIndex):
    def add_items(self, model, objs):
        languages = {}
        if issubclass(model, TranslatableMixin):
            languages = dict(Locale.objects.values_list("pk", "language_code"))
        by_config = defaultdict(list)
        for obj in objs:
            language = languages.get(getattr(obj, "locale_id", None))
            by_config[self.backend.config_for(language)].append(obj)
        for config, group in by_config.items():
            # Wagtail's indexer reads the configuration from the backend it is given.
            index = copy.copy(self)
            index.backend = copy.copy(self.backend)
            index.backend.config = config
            super(LocalisedIndex, index).add_items(model, group)


class LocalisedQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        if isinstance(config, tuple):
            # Every language at once: a page matches the query as parsed in its own language.
            parsed = [super(LocalisedQueryCompiler, self).build_tsquery(query, c) for c in config]
            return reduce(operator.or_, parsed)
        return super().build_tsquery(query, config=config)


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    index_class = LocalisedIndex
    query_compiler_class = LocalisedQueryCompiler

    def __init__(self, params):
        super().__init__(params)
        self.default_config = self.config or "simple"
        self.language_configs = params.get("LANGUAGE_CONFIGS", {})
        language = params.get("LANGUAGE")
        if language:
            self.config = self.config_for(language)
        else:
            self.config = tuple(sorted({self.default_config, *self.language_configs.values()}))

    def config_for(self, language: str | None) -> str:
        return self.language_configs.get(language, self.default_config)


# For a frequent word PostgreSQL's planner reads every index entry, computing `title || body`
# for each (it costs the concatenation of two documents as one operator), instead of the GIN
# index on that expression (search/migrations/0002): 55 ms instead of 18 for 5,000 matches out of
# 10,000 (bench/search.py). The page cost of SSDs tips it over, for the search's queries only.
SEARCH_RANDOM_PAGE_COST = 1.1


@contextmanager
def planned_for_the_index():
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL random_page_cost = {SEARCH_RANDOM_PAGE_COST}")
        yield


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    if connection.vendor == "postgresql":
        return LocalisedPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
