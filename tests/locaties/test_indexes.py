"""The public place list's name order is read from an index, not sorted."""

import pytest
from django.db import connection

from locaties.models import Locatie
from tests.factories import LocatieFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plan")
def test_the_first_page_of_public_places_by_name_walks_the_partial_index(gemeente):
    LocatieFactory.create_batch(5, gemeente=gemeente, gepubliceerd=True)
    LocatieFactory.create_batch(2, gemeente=gemeente)
    page = Locatie.objects.openbaar().order_by("naam", "pk")[:20]
    sql, params = page.query.sql_with_params()

    with connection.cursor() as cursor:
        # Five rows are cheaper to scan (or to fetch by bitmap and sort); forbid both to see
        # whether the index itself gives the order.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        # Another partial index on public places (their towns, publiek 0002) is as cheap to
        # walk when a sort follows; forbid sorting too, so only an index in name order fits.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "locatie_openbaar_naam_idx" in plan
    assert "Sort" not in plan
