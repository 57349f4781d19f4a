#!/bin/sh
# Runs once, when the primary's data directory is created (docker-entrypoint-initdb.d): a role
# for streaming replication and the pg_hba line that lets the replica in with it. wal_level is
# `replica` by default, max_wal_senders 10.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD:-replicator}'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
