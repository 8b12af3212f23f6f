#!/usr/bin/env bash
# Scale-out test (not part of `make test`; run as root on a test machine, about 3 minutes):
#
#   - PostgreSQL primary (the local server on 5432, database $SCALE_DB) and a streaming
#     replica: a second cluster on 5433 made with `pg_basebackup -R` in /tmp;
#   - Redis (db $SCALE_REDIS_DB) as cache and Celery broker, one Celery worker;
#   - two gunicorn app servers behind nginx (TLS on 127.0.0.1, self-signed);
#   - locust, headless: 32 users for 60 s, 8 of them staff editing the same 3 places, the rest
#     residents searching and reading;
#   - during the run app server 1 is stopped (SIGTERM, graceful) and started again, and the
#     worker is killed (SIGKILL) while it runs a wijk import job.
#
# Prints requests/s, p50/p99 and failures per scenario, reads on the replica and writes on the
# primary, and the check that no job was lost or done twice and no edit lost. Everything it
# starts and makes is removed at the end; traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

DB=${SCALE_DB:-wtprod}
REDIS_DB=${SCALE_REDIS_DB:-5}
DURATION=${SCALE_DURATION:-60}
USERS=${SCALE_USERS:-32}
JOBS=${SCALE_JOBS:-8}
LB_PORT=18190
APP_PORTS=(18191 18192)
REPLICA_PORT=5433
PG_BIN=/usr/lib/postgresql/$(ls /etc/postgresql | sort -n | tail -1)/bin
PG_HBA=$(psql -h 127.0.0.1 -U postgres -Atc "SHOW hba_file")
HBA_LINE="host replication postgres 127.0.0.1/32 trust # scale_out.sh"
WORK=$(mktemp -d /tmp/ontmoeting-scale-out.XXXXXX)
chmod 755 "$WORK"
RUN="scale-out-$(date +%s)"
PY=$ROOT/.venv/bin/python

step() { printf '\n=== %s ===\n' "$*"; }
psql_p() { psql -h 127.0.0.1 -p 5432 -U postgres -d "$DB" -At -F ' ' -c "$1"; }
psql_r() { psql -h 127.0.0.1 -p $REPLICA_PORT -U postgres -d "$DB" -At -F ' ' -c "$1"; }

declare -A PIDS=()
stop_group() {  # stop the process group we started under this name
  local pid=${PIDS[$1]:-}
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  unset "PIDS[$1]"
}
cleanup() {
  set +e
  for name in "${!PIDS[@]}"; do stop_group "$name"; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  if [ -f "$WORK/replica/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/replica" -m fast -w stop >/dev/null
  fi
  if grep -qF "# scale_out.sh" "$PG_HBA"; then
    sed -i '/# scale_out.sh$/d' "$PG_HBA"
    psql -h 127.0.0.1 -U postgres -Atqc "SELECT pg_reload_conf()" >/dev/null
  fi
  redis-cli -n "$REDIS_DB" flushdb >/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

start_bg() {  # start_bg NAME LOGFILE COMMAND...: in its own process group
  local name=$1 log=$2
  shift 2
  setsid "$@" >"$log" 2>&1 &
  PIDS[$name]=$!
}

step "Tools"
command -v nginx >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null
}
"$ROOT/.venv/bin/locust" --version >/dev/null 2>&1 || "$ROOT/.venv/bin/pip" install -q "locust==2.47.0"
redis-cli -n "$REDIS_DB" ping >/dev/null
nginx -v 2>&1; "$ROOT/.venv/bin/locust" --version | head -1

export DEBUG=false SECRET_KEY="scale-out-$RANDOM$RANDOM$RANDOM" ALLOWED_HOSTS=127.0.0.1
export CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$LB_PORT" BEHIND_TLS_PROXY=true
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export REDIS_URL="redis://127.0.0.1:6379/$REDIS_DB" CELERY_BROKER_URL="redis://127.0.0.1:6379/$REDIS_DB"
export MFA_REQUIRED_FOR_EDITORS=false LOG_FORMAT=json LOG_LEVEL=INFO
export PDOK_LOCATIESERVER_URL="http://127.0.0.1:9/"  # no traffic leaves the machine
export CELERY_VISIBILITY_TIMEOUT=15 TAAK_LEASE_SECONDS=10  # short, to see a redelivery in a minute

step "Primary: fresh database $DB with the demo data"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB"
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py demodata --force >/dev/null
"$PY" manage.py collectstatic --noinput -v0
redis-cli -n "$REDIS_DB" flushdb >/dev/null
"$PY" scripts/scale_out/jobs.py prepare "$WORK/data.json" "$WORK/wijken.geojson"

step "Replica: pg_basebackup -R into $WORK/replica, port $REPLICA_PORT"
grep -qF "# scale_out.sh" "$PG_HBA" || echo "$HBA_LINE" >>"$PG_HBA"
psql -h 127.0.0.1 -U postgres -Atqc "SELECT pg_reload_conf()" >/dev/null
install -d -o postgres -g postgres -m 700 "$WORK/replica" "$WORK/pglog"
started=$(date +%s)
runuser -u postgres -- pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D "$WORK/replica" -R \
  -X stream -c fast --no-sync
cat >"$WORK/replica/postgresql.conf" <<CONF
port = $REPLICA_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$WORK/pglog'
hot_standby = on
shared_buffers = 64MB
recovery_init_sync_method = syncfs
CONF
printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$WORK/replica/pg_hba.conf"
chown postgres:postgres "$WORK/replica/postgresql.conf" "$WORK/replica/pg_hba.conf"
: >"$WORK/replica/pg_ident.conf"
chown postgres:postgres "$WORK/replica/pg_ident.conf"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/replica" -l "$WORK/pglog/replica.log" -w start \
  >/dev/null || { tail -20 "$WORK/pglog/replica.log"; exit 1; }
echo "replica up after $(( $(date +%s) - started )) s; in recovery: $(psql_r 'SELECT pg_is_in_recovery()')"
export DATABASE_REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB"

step "App servers, nginx, worker"
for i in 0 1; do
  start_bg "app$i" "$WORK/app$i.log" env GUNICORN_BIND="127.0.0.1:${APP_PORTS[$i]}" \
    WEB_CONCURRENCY=2 GUNICORN_THREADS=2 "$ROOT/.venv/bin/gunicorn" ontmoeting.wsgi
done
upstreams() {  # upstreams [down]: both app servers, the first marked down (drained) if asked
  {
    echo "server 127.0.0.1:${APP_PORTS[0]} max_fails=1 fail_timeout=3s ${1:-};"
    echo "server 127.0.0.1:${APP_PORTS[1]} max_fails=1 fail_timeout=3s;"
  } >"$WORK/upstream.conf"
}
upstreams
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -keyout "$WORK/tls.key" -out "$WORK/tls.crt" 2>/dev/null
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 512; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  upstream app {
    include $WORK/upstream.conf;
  }
  server {
    listen 127.0.0.1:$LB_PORT ssl;
    ssl_certificate $WORK/tls.crt;
    ssl_certificate_key $WORK/tls.key;
    client_max_body_size 60m;
    location / {
      proxy_pass http://app;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_connect_timeout 2s;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Request-ID \$request_id;
    }
  }
}
CONF
nginx -c "$WORK/nginx.conf"
start_bg worker "$WORK/worker1.log" "$ROOT/.venv/bin/celery" -A ontmoeting worker \
  --concurrency 1 --loglevel INFO -n "w1-$RUN@%h"
for _ in $(seq 1 60); do
  curl -skf "https://127.0.0.1:$LB_PORT/readyz" >/dev/null && break
  sleep 0.5
done
curl -sk "https://127.0.0.1:$LB_PORT/readyz"; echo

counters() {  # reads on the replica, writes on the primary, for database $DB
  echo "$(psql_r "SELECT xact_commit, tup_returned + tup_fetched, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = '$DB'") $(psql_p "SELECT xact_commit, tup_returned + tup_fetched, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = '$DB'")"
}
before=$(counters)

step "Load: $USERS users for ${DURATION}s; app server 1 restarts, the worker is killed mid-job"
export SCALE_OUT_DATA="$WORK/data.json" SCALE_OUT_EDITS="$WORK/edits.json"
start_bg locust "$WORK/locust.log" "$ROOT/.venv/bin/locust" -f scripts/scale_out/locustfile.py \
  --headless -u "$USERS" -r 16 -t "${DURATION}s" --host "https://127.0.0.1:$LB_PORT" \
  --csv "$WORK/locust" --only-summary --stop-timeout 10
locust_pid=${PIDS[locust]}
sleep 5
"$PY" scripts/scale_out/jobs.py start "$JOBS" "$WORK/wijken.geojson" "$RUN"

# Kill the worker while it is busy with a job.
for _ in $(seq 1 100); do
  [ "$(psql_p "SELECT count(*) FROM kern_taak WHERE sleutel LIKE '$RUN-%' AND status = 'bezig'")" -gt 0 ] && break
  sleep 0.2
done
echo "t+$(( $(date +%s) - started ))s worker busy: $("$PY" scripts/scale_out/jobs.py status "$RUN" 2>/dev/null); SIGKILL"
kill -KILL -- "-${PIDS[worker]}"; unset "PIDS[worker]"
sleep 2
start_bg worker "$WORK/worker2.log" "$ROOT/.venv/bin/celery" -A ontmoeting worker \
  --concurrency 1 --loglevel INFO -n "w2-$RUN@%h"
echo "worker started again"

sleep 10
# A rolling restart as a deployment does it: take the server out of the load balancer (nginx
# reload: old connections finish), stop it gracefully (SIGTERM: it finishes its requests),
# start it, wait for /readyz, put it back.
echo "draining app server 1 and stopping it (SIGTERM, graceful)"
upstreams down
nginx -c "$WORK/nginx.conf" -s reload
sleep 2
stop_group app0
sleep 8
start_bg app0 "$WORK/app0b.log" env GUNICORN_BIND="127.0.0.1:${APP_PORTS[0]}" \
  WEB_CONCURRENCY=2 GUNICORN_THREADS=2 "$ROOT/.venv/bin/gunicorn" ontmoeting.wsgi
for _ in $(seq 1 60); do
  curl -sf -H "Host: 127.0.0.1" "http://127.0.0.1:${APP_PORTS[0]}/readyz" >/dev/null && break
  sleep 0.5
done
upstreams
nginx -c "$WORK/nginx.conf" -s reload
echo "app server 1 started again and back in the load balancer"

wait "$locust_pid" || true
unset "PIDS[locust]"
after=$(counters)

# Wait (at most 60 s) for the jobs to finish: the killed one comes back after the broker's
# visibility timeout and the job's lease.
for _ in $(seq 1 120); do
  open=$(psql_p "SELECT count(*) FROM kern_taak WHERE sleutel LIKE '$RUN-%' AND status <> 'klaar'")
  [ "$open" -eq 0 ] && break
  sleep 0.5
done

step "Results"
"$PY" - "$WORK/locust_stats.csv" "$DURATION" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'scenario':28} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}")
for r in rows:
    print(f"{r['Name']:28} {r['Request Count']:>8} {float(r['Requests/s']):7.1f} "
          f"{r['50%']:>7} {r['99%']:>7} {r['Failure Count']:>6}")
PY
if [ -s "$WORK/locust_failures.csv" ] && [ "$(wc -l <"$WORK/locust_failures.csv")" -gt 1 ]; then
  echo "failures:"; cat "$WORK/locust_failures.csv"
fi
read -r r_x0 r_read0 r_write0 p_x0 p_read0 p_write0 <<<"$before"
read -r r_x1 r_read1 r_write1 p_x1 p_read1 p_write1 <<<"$after"
echo "replica: $((r_x1 - r_x0)) transactions, $((r_read1 - r_read0)) rows read, $((r_write1 - r_write0)) rows written"
echo "primary: $((p_x1 - p_x0)) transactions, $((p_read1 - p_read0)) rows read, $((p_write1 - p_write0)) rows written"
echo "app server 5xx responses: $(cat "$WORK"/app*.log | grep -c '"status": "5' || true)"
echo "nginx upstream errors (retried on the other server): $(grep -c 'upstream' "$WORK/nginx-error.log" || true)"
echo "jobs and edits: $("$PY" scripts/scale_out/jobs.py report "$RUN" "$WORK/edits.json" "$WORK"/worker*.log)"
