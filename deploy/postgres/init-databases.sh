#!/bin/sh
# Runs once, on the PostgreSQL container's first start (docker-entrypoint-initdb.d): a role and database for
# dutyflow, a role for Temporal (setup-schema.sh creates Temporal's two databases as it).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
create role dutyflow login password '${DUTYFLOW_DB_PASSWORD}';
create database dutyflow owner dutyflow encoding 'UTF8';
create role temporal login createdb password '${TEMPORAL_DB_PASSWORD}';
SQL
