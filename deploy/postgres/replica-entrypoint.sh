#!/bin/sh
# The streaming replica of the `scale` profile: on first start a base backup of the primary with
# -R (standby.signal + primary_conninfo), then a hot standby the APIs read from (DATABASE_READ_URL).
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h postgres -U postgres; do sleep 1; done
  PGPASSWORD="${REPLICATION_PASSWORD:-replicator}" pg_basebackup -h postgres -U replicator -D "$PGDATA" -R -X stream -c fast
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
