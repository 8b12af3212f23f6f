"""Request ids and JSON logs (ontmoeting/logformat.py)."""

import json
import logging

from ontmoeting.logformat import JsonFormatter, RequestIdFilter, RequestIdMiddleware


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32


def test_a_request_id_from_the_proxy_is_passed_on_and_a_strange_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-123").headers["X-Request-ID"] == "lb-123"
    vreemd = client.get("/healthz", HTTP_X_REQUEST_ID="<script>").headers["X-Request-ID"]
    assert vreemd != "<script>"


def test_log_records_made_during_a_request_carry_its_id_as_json(rf):
    lines = []

    def view(request):
        record = logging.LogRecord(
            "ontmoeting", logging.WARNING, __file__, 1, "hoi %s", ("x",), None
        )
        RequestIdFilter().filter(record)
        lines.append(JsonFormatter().format(record))
        from django.http import HttpResponse

        return HttpResponse()

    request = rf.get("/", HTTP_X_REQUEST_ID="abc-1")
    RequestIdMiddleware(view)(request)

    entry = json.loads(lines[0])
    assert entry["request_id"] == "abc-1"
    assert entry["message"] == "hoi x"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "ontmoeting"


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "m", (), None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"
