#!/usr/bin/env bash
# Memcheck on audits of geodata/tiny (JSON, HTML), geodata/helsinki (with buildings) and
# geodata/pinghu-shp (Shapefiles through GDAL, written as a GeoPackage), and a registry import.
# Prints each run's "definitely lost" figure; exits non-zero when valgrind finds a
# definite leak or a memory error (--error-exitcode).
# Usage: tools/valgrind.sh [scratch-path]   (default .build-valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH=${1:-.build-valgrind}
swift build --scratch-path "$SCRATCH" --product camgap
LOGDIR=$(mktemp -d)
# valgrind 3.19 cannot read the DWARF 5 that clang writes for C++ dependencies (TOMLKit), so it
# runs on a copy without debug information; the leak and error counts need none.
BIN="$LOGDIR/camgap"
cp "$SCRATCH/debug/camgap" "$BIN"
strip --strip-debug "$BIN"
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
run tiny-html audit geodata/tiny --format html --out "$LOGDIR/report.html"
run helsinki audit geodata/helsinki --format json
run shapefiles audit geodata/pinghu-shp --format gpkg --out "$LOGDIR/audit.gpkg"
"$BIN" registry init --db "$LOGDIR/r.gpkg" >/dev/null
run import registry import geodata/tiny/cameras.geojson --db "$LOGDIR/r.gpkg"
echo "logs in $LOGDIR"
exit $status
