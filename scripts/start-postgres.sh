#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with trust authentication and a database "test", for
# the PostgreSQL tests. Does nothing where one already answers; elsewhere installs Debian's postgresql (as root).
set -euo pipefail

answers() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if answers; then
  echo "PostgreSQL answers on 127.0.0.1:5432"
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
hba=/etc/postgresql/$version/main/pg_hba.conf
# A throw-away test server: trust on the socket and on loopback only.
cat > "$hba" <<'HBA'
local all all trust
host  all all 127.0.0.1/32 trust
host  all all ::1/128 trust
HBA
pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster "$version" main start
for _ in $(seq 1 30); do answers && break; sleep 1; done
su postgres -c "psql -tAc \"select 1 from pg_database where datname = 'test'\"" | grep -q 1 \
  || su postgres -c "createdb test"
echo "PostgreSQL started on 127.0.0.1:5432"
