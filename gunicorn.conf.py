"""gunicorn's settings (read from the working directory by `gunicorn ontmoeting.wsgi`).

Every value can be changed from the environment:

- GUNICORN_BIND (0.0.0.0:8000); WEB_CONCURRENCY: worker processes (default 2 × CPUs + 1, at
  most 8); GUNICORN_THREADS (1);
- GUNICORN_TIMEOUT (30 s): a worker silent for longer is restarted; GUNICORN_GRACEFUL_TIMEOUT
  (30 s): on SIGTERM workers finish the requests they have for this long before they stop, so a
  rolling restart behind a load balancer drops nothing;
- GUNICORN_MAX_REQUESTS (1000): a worker is replaced after this many requests (with jitter);
- LOG_FORMAT: json (default without DEBUG) writes the access log as one JSON object a line,
  with the request id the app gave the response (X-Request-ID).
"""

import json
import multiprocessing
import os
from datetime import UTC, datetime

from gunicorn import glogging


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max_requests // 10
# Heartbeat files in memory, not on a (possibly slow or read-only) disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The proxy in front sets X-Forwarded-For/-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

_debug = os.environ.get("DEBUG", "").lower() in {"1", "true", "yes", "on"}
_json = os.environ.get("LOG_FORMAT", "text" if _debug else "json") == "json"


class JsonAccessLogger(glogging.Logger):
    """The access log as JSON lines (the app's own logs use ontmoeting/logformat.py)."""

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": atoms.get("{x-request-id}o", "-"),
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"],
            "status": atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "remote": atoms["h"],
            "user_agent": atoms["a"],
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False, default=str))
        except Exception:  # noqa: BLE001 - a log line must never break a response
            self.exception("access log failed")


if _json:
    logger_class = JsonAccessLogger
