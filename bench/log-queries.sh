#!/usr/bin/env bash
# The log reads' benchmark (issue 8): ROWS rows in a fresh logs table, every filter of the log API timed.
#
#   bench/log-queries.sh [postgresql|mysql] [rows, 10000000] [--reuse | --from=N]
#
# Uses the local PostgreSQL (127.0.0.1:5432, postgres) or MySQL/MariaDB (127.0.0.1:3306, root) and a database
# veloera_logbench it drops and creates (--reuse keeps the loaded one and only times; --from=N continues an
# interrupted load at row N). Needs a built schema
# module (./mvnw -o -q -pl schema -am package -DskipTests) for the migrations and the drivers' class path.
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=${1:-postgresql}
ROWS=${2:-10000000}
REUSE=${3:-}
DB=veloera_logbench
CP_FILE=$(mktemp)
./mvnw -B -o -q -pl schema dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
CP="schema/target/classes:$(cat "$CP_FILE")"
case "$ENGINE" in
  postgresql)
    if [ -z "$REUSE" ]; then
      psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    fi
    URL="jdbc:postgresql://127.0.0.1:5432/$DB"; USER=postgres; PASS="" ;;
  mysql)
    if [ -z "$REUSE" ]; then
      mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB"
    fi
    URL="jdbc:mysql://127.0.0.1:3306/$DB?rewriteBatchedStatements=true&useServerPrepStmts=false"; USER=root; PASS="" ;;
  *) echo "engine: postgresql or mysql" >&2; exit 2 ;;
esac
java -cp "$CP" bench/LogQueries.java "$ENGINE" "$URL" "$USER" "$PASS" "$ROWS" $REUSE
