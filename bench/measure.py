"""SQL queries, render time and size of each benchmark page, through Django's test client.

Run by `python -m bench` as `python -m bench measure urls.json` with the server's environment
and PAGE_CACHE_SECONDS=0, so it measures what a page costs when it is rendered: one process,
one request at a time, after a first request has warmed the process.
"""

import json
import statistics
import time
from pathlib import Path

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

HOST = "127.0.0.1"
# The median of this many requests: with a few, it moves with whatever else the machine runs.
TIMED_REQUESTS = 25


class SqlTimer:
    """A database execute wrapper adding up the time spent waiting for PostgreSQL."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def main(urls_path: Path) -> None:
    data = json.loads(urls_path.read_text())
    # A page that fails is reported in the table, not raised.
    client = Client(raise_request_exception=False)
    for entry in data["urls"]:
        # The first request fills the per-process caches (site root paths, content types,
        # image renditions) that a worker keeps between requests.
        client.get(entry["url"], HTTP_HOST=HOST)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(entry["url"], HTTP_HOST=HOST)
        # Counted now: the next request empties the log the context reads from.
        query_count = len(queries)
        totals, sql = [], []
        for _ in range(TIMED_REQUESTS):
            timer = SqlTimer()
            started = time.perf_counter()
            with connection.execute_wrapper(timer):
                client.get(entry["url"], HTTP_HOST=HOST)
            totals.append(time.perf_counter() - started)
            sql.append(timer.seconds)
        entry.update(
            status=response.status_code,
            queries=query_count,
            bytes=len(response.content),
            render_ms=statistics.median(totals) * 1000,
            sql_ms=statistics.median(sql) * 1000,
        )
    urls_path.write_text(json.dumps(data))
