"""The SQL of a page's list of cards, to check which columns it reads."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def listing_sql(client, url, table):
    """The one paginated query on `table` that rendering `url` makes (after a first render
    has warmed the per-process caches), and the page's HTML."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    (listing,) = [
        query["sql"]
        for query in captured
        if f'FROM "{table}"' in query["sql"] and "LIMIT" in query["sql"]
    ]
    return listing, html
