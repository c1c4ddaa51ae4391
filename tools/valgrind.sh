#!/usr/bin/env bash
# Memcheck on two audits: geodata/tiny (JSON) and geodata/helsinki (with buildings).
# Prints each run's "definitely lost" figure; exits non-zero when valgrind finds a
# definite leak or a memory error (--error-exitcode).
# Usage: tools/valgrind.sh [scratch-path]   (default .build-valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${1:-.build-valgrind}
swift build --scratch-path "$SCRATCH" --product camgap
BIN="$SCRATCH/debug/camgap"
LOGDIR=$(mktemp -d)
status=0
run() {
  local name=$1; shift
  local log="$LOGDIR/$name.log"
  echo "== valgrind --leak-check=full --errors-for-leak-kinds=definite $BIN $*"
  if ! valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
      --log-file="$log" "$BIN" "$@" >/dev/null; then
    status=1
  fi
  grep -E "definitely lost|ERROR SUMMARY" "$log" | sed "s/^==[0-9]*== /$name: /"
}
run tiny audit geodata/tiny --format json
run helsinki audit geodata/helsinki --format json
echo "logs in $LOGDIR"
exit $status
