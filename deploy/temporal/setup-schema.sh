#!/bin/sh
# Creates (once) and upgrades (every time: idempotent) Temporal's two PostgreSQL databases with the SQL tool
# of the same server version (temporal-sql-tool; `go install go.temporal.io/server/cmd/tools/sql@v1.32.2`
# installs it as `sql`). Run it before the first start and after every Temporal upgrade, before the new server.
#   TEMPORAL_DB_HOST, TEMPORAL_DB_PORT, TEMPORAL_DB_USER, TEMPORAL_DB_PASSWORD, TEMPORAL_DB_NAME, TEMPORAL_VISIBILITY_DB_NAME
#   TEMPORAL_SQL_TOOL: the tool's path (default: temporal-sql-tool on PATH)
set -eu
tool=${TEMPORAL_SQL_TOOL:-temporal-sql-tool}
host=${TEMPORAL_DB_HOST:-127.0.0.1}
port=${TEMPORAL_DB_PORT:-5432}
user=${TEMPORAL_DB_USER:-temporal}
export SQL_PASSWORD="${TEMPORAL_DB_PASSWORD:-}"

for pair in "${TEMPORAL_DB_NAME:-temporal}:temporal" "${TEMPORAL_VISIBILITY_DB_NAME:-temporal_visibility}:visibility"; do
  db=${pair%%:*}
  schema=postgresql/v12/${pair##*:}
  sql() { "$tool" --plugin postgres12 --ep "$host" -p "$port" -u "$user" --db "$db" "$@"; }
  # An existing database is fine (the tool says so and goes on with --quiet).
  sql --quiet create-database
  # Version 0.0 only makes the version table; it refuses nothing once the schema is there.
  sql setup-schema -v 0.0 || true
  sql update-schema --schema-name "$schema"
done
