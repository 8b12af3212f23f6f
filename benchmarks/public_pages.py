"""Benchmark: the public pages against bare views serving the same rows, cache headers, page
weight and compression, on PostgreSQL.

Fills a throw-away database with published places (benchmarks/search.py's filler), then, in one
run and interleaved so the machine's load hits both alike:

- in-process (Django's test client, all middleware, DEBUG on as `make run`): the place list
  without and with a search and a place page, against bare views (benchmarks/bare_urls.py)
  that fetch the same 20 rows (the same place) in one query of the app's own queryset and
  write them without a template; the client sends a cookie, so the app renders every page
  (its page cache serves only visitors without cookies), with its fragment caches warm;
- page weight: HTML + the CSS and JS the page references, uncompressed, and the HTML gzipped
  as the server now sends it to anonymous visitors; the same for the map data;
- with --wrk and `wrk` installed: gunicorn (DEBUG off; --workers, by default as many as
  gunicorn.conf.py starts: 2 × CPUs + 1) on a loopback port,
  requests/s of each page rendered (requests with a cookie), of the same page from the page
  cache (anonymous requests without cookies) and of its bare view (never cached: no-store),
  in alternating 3-second rounds so the machine's load hits all three alike.

The cache is the one the settings pick: Redis when REDIS_URL is set (as in production), else
the database cache. Run from the project folder (figures go in docs/benchmarks.md):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/9 \\
        .venv/bin/python benchmarks/public_pages.py --wrk [--keep | --in-place]

--keep leaves the filled database (its name is printed) for the next run; --in-place uses
DATABASE_URL's database itself and fills it only when it holds no places yet.

Options: --places (100 000), --activities (2 000), --runs (per page, 30), --wrk-seconds (per
column, 12), --workers.
"""

import argparse
import gzip
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from harness import PROJECT, on_throwaway_database, setup_django

BENCHMARKS = Path(__file__).resolve().parent
PLACE = "plek-1"  # published (every 20th place, from plek-0, is a concept)
ROUND_SECONDS = 3  # wrk runs of the page, the page from the cache and the bare view alternate


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--places", type=int, default=100_000)
    parser.add_argument("--activities", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--wrk", action="store_true", help="also measure under gunicorn")
    parser.add_argument("--wrk-seconds", type=int, default=12, help="per column, in rounds of 3 s")
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2 * (os.cpu_count() or 1) + 1, 8),
        help="gunicorn workers (default as gunicorn.conf.py: 2 × CPUs + 1, at most 8)",
    )
    parser.add_argument(
        "--in-place",
        action="store_true",
        help="use DATABASE_URL's database; filled only when it holds no places yet",
    )
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if args.in_place:
        return run(args, os.environ["DATABASE_URL"])
    return on_throwaway_database("ontmoeting_publiek", lambda url: run(args, url), keep=args.keep)


def offline_geocoding() -> None:
    """No network: PDOK is "unreachable", so a word is searched as a word."""
    from locaties import geocoding

    def offline(text):
        raise geocoding.PdokUnavailable

    geocoding.pdok_point = offline


def application():
    """gunicorn's app (`public_pages:application()`): the site plus the bare views, with plain
    static file names so no collectstatic is needed."""
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "bare_urls"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    offline_geocoding()
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def timed(client, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries)


def static_bytes(html: str) -> tuple[int, int]:
    """Bytes of the stylesheets and scripts a page references (from the static folders)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    css = js = 0
    for kind, ref in re.findall(r'<(link|script)\b[^>]*?(?:href|src)="([^"]+)"', html):
        if not ref.startswith(settings.STATIC_URL) or ref.endswith((".svg", ".png", ".ico")):
            continue
        found = finders.find(ref[len(settings.STATIC_URL) :].split("?")[0])
        if found is None:
            continue
        size = Path(found).stat().st_size
        if kind == "link":
            css += size
        else:
            js += size
    return css, js


def run(args, url: str) -> int:
    setup_django(url)

    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from search import fill

    from locaties.models import Locatie

    settings.ROOT_URLCONF = "bare_urls"
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.perf_counter()
    if not Locatie.objects.exists():  # --in-place on a database filled before: reuse it
        fill(args, random.Random(args.seed))
    published = Locatie.objects.openbaar().count()
    print(
        f"{Locatie.objects.count()} places ({published} public) ready in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    offline_geocoding()

    client = Client(HTTP_HOST="localhost")
    # A cookie (not a session): the app renders every page instead of its page cache, which
    # only serves visitors without cookies; the bare views are never cached (no-store).
    client.cookies["benchmark"] = "1"
    cases = [
        ("place list, no search", "/locaties/", "/bare/lijst/"),
        ("place list, search “koffie”", "/locaties/?q=koffie", "/bare/lijst/?q=koffie"),
        ("place page", f"/locaties/{PLACE}/", f"/bare/locaties/{PLACE}/"),
    ]
    print(
        "\n| page | page (ms, median) | queries | bare view (ms, median) | queries | ratio |"
        "\n| --- | --- | --- | --- | --- | --- |"
    )
    for label, page_url, bare_url in cases:
        timed(client, page_url), timed(client, bare_url)  # warm up
        page, bare = [], []
        for _ in range(args.runs):
            page.append(timed(client, page_url))
            bare.append(timed(client, bare_url))
        page_ms = statistics.median(t for t, _ in page) * 1000
        bare_ms = statistics.median(t for t, _ in bare) * 1000
        print(
            f"| {label} | {page_ms:.1f} | {max(q for _, q in page)} | {bare_ms:.1f} | "
            f"{max(q for _, q in bare)} | {page_ms / bare_ms:.1f}× |",
            flush=True,
        )

    print(
        "\n| page | HTML | CSS | JS | total, uncompressed | HTML gzipped | Cache-Control | "
        "cookies |\n| --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    for label, page_url in [
        ("home", "/"),
        ("place list", "/locaties/"),
        ("place page", f"/locaties/{PLACE}/"),
        ("map data (kaart.geojson)", "/locaties/kaart.geojson"),
    ]:
        plain = client.get(page_url)
        zipped = client.get(page_url, headers={"accept-encoding": "gzip"})
        body = plain.content
        assert zipped.get("Content-Encoding") == "gzip", page_url
        assert gzip.decompress(zipped.content) == body, page_url
        css, js = static_bytes(body.decode()) if "html" in plain["Content-Type"] else (0, 0)
        print(
            f"| {label} | {len(body) / 1024:.1f} KB | {css / 1024:.1f} KB | {js / 1024:.1f} KB | "
            f"{(len(body) + css + js) / 1024:.1f} KB | {len(zipped.content) / 1024:.1f} KB | "
            f"{plain.get('Cache-Control', '–')} | {len(plain.cookies)} |",
            flush=True,
        )

    if args.wrk:
        under_gunicorn(args, url, cases)
    return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def under_gunicorn(args, url: str, cases) -> None:
    wrk = shutil.which("wrk")
    if wrk is None:
        print("\nwrk is not installed: no requests/s measured.")
        return
    from django.db import connections

    connections.close_all()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_FORMAT": "text",
        "PYTHONPATH": f"{BENCHMARKS}:{PROJECT}",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config", "/dev/null", "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning", "public_pages:application()",
        ],
        cwd=PROJECT, env=env,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.2)

        def measured(path: str, seconds: int, *, cookie: bool = True) -> tuple[int, float]:
            """(requests, seconds) of one wrk run."""
            headers = ["-H", "Cookie: benchmark=1"] if cookie else []
            out = subprocess.run(
                [wrk, "-t2", "-c8", f"-d{seconds}s", *headers, base + path],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            if "Non-2xx" in out:
                raise RuntimeError(f"{path}: errors under wrk\n{out}")
            done = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
            elapsed = float(done.group(2)) / (1000 if done.group(3) == "ms" else 1)
            return int(done.group(1)), elapsed

        rounds = max(1, args.wrk_seconds // ROUND_SECONDS)
        cache = "Redis" if env.get("REDIS_URL") else "the database cache"
        print(
            f"\nUnder gunicorn ({args.workers} workers, DEBUG off, {cache}), wrk -t2 -c8, "
            f"{rounds} rounds of "
            f"{ROUND_SECONDS} s for each column, interleaved. Rendered: requests with a cookie, "
            "which the page cache leaves to the app; from the cache: anonymous requests "
            "without cookies."
            "\n\n| page | rendered (requests/s) | from the cache (requests/s) | "
            "bare view (requests/s) | rendered / bare | from the cache / bare |"
            "\n| --- | --- | --- | --- | --- | --- |"
        )
        for label, page_url, bare_url in cases:
            measured(page_url, 2)  # warm the workers and the caches
            totals = {"page": [0, 0.0], "cached": [0, 0.0], "bare": [0, 0.0]}
            for _ in range(rounds):
                for name, path, cookie in [
                    ("page", page_url, True),
                    ("cached", page_url, False),
                    ("bare", bare_url, True),
                ]:
                    done, elapsed = measured(path, ROUND_SECONDS, cookie=cookie)
                    totals[name][0] += done
                    totals[name][1] += elapsed
            page, cached, bare = (totals[n][0] / totals[n][1] for n in ("page", "cached", "bare"))
            print(
                f"| {label} | {page:.0f} | {cached:.0f} | {bare:.0f} | {100 * page / bare:.0f} % "
                f"| {100 * cached / bare:.0f} % |",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
