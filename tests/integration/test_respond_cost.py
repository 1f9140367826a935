"""What posting a response costs the database: no query reads every response of the site (a
site with a hundred thousand imported comments would read them all at every POST)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from byline.responses.models import Discussion, Response
from tests.factories import PostFactory, ResponseFactory
from tests.responding import send

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans"),
]


def test_no_query_of_a_response_post_scans_all_responses(
    client, django_capture_on_commit_callbacks
):
    post = PostFactory(title="Harbour audit")
    ResponseFactory.create_batch(5, post=post)
    for policy in ("hold_new", "guard_only"):
        Discussion.objects.update_or_create(pk=1, defaults={"policy": policy})
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            answer = send(client, post, comment=f"Publish it in full ({policy}).")
        assert answer.status_code == 303
        scans = []
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                sql = query["sql"]
                if not sql.startswith("SELECT") or "byline_responses_response" not in sql:
                    continue
                plan = cursor.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
                if any(row[-1] == "SCAN byline_responses_response" for row in plan):
                    scans.append(sql)
        assert scans == []
    assert Response.objects.filter(post=post).count() == 7


@pytest.mark.django_db(transaction=True)  # real transactions, not savepoints in the test's
def test_a_response_is_one_write_transaction(client, django_capture_on_commit_callbacks):
    # SQLite has one writer: each transaction of a POST queues behind every other POST's.
    post = PostFactory(title="Harbour audit")
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        answer = send(client, post, comment="The audit, in one write.")
    assert answer.status_code == 303
    begins = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("BEGIN")]
    assert len(begins) == 1
    assert Response.objects.filter(post=post).count() == 1
