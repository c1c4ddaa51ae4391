#!/usr/bin/env bash
# Builds the libFuzzer targets (swiftc -sanitize=fuzzer,address) for the GeoJSON reader, the
# CSV reader and the OSM direction parser, and runs each for RUNS executions (default
# 1,000,000) from the seed corpus in Tests/Fuzz/<target>/. New inputs go to a scratch corpus,
# never into the repository; a crash leaves its input in .build-fuzz/ and fails the script.
#   tools/fuzz.sh [RUNS] [TARGET...]      targets: geojson csv direction
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(geojson csv direction)
out=.build-fuzz
mkdir -p "$out"
G=Sources/Geometry
for t in "${targets[@]}"; do
  maxlen=4096
  case "$t" in
    geojson) srcs=("$G/IO/JSON.swift" "$G/IO/JSONParallel.swift" "$G/IO/JSONCursor.swift" "$G/IO/GeoJSON.swift" "$G/Timing.swift" "$G/Errors/InputError.swift" "$G/Errors/GeometryError.swift" "$G/Planar/Planar.swift") ;;
    csv) srcs=(Sources/Cameras/CSVTable.swift) ;;
    direction) srcs=(Sources/Cameras/OSMDirection.swift); maxlen=255 ;;  # OSM tag values are at most 255 characters
    *) echo "unknown target $t" >&2; exit 1 ;;
  esac
  swiftc -sanitize=fuzzer,address -parse-as-library -O "tools/fuzz/$t.swift" "${srcs[@]}" -o "$out/fuzz-$t" 2>/dev/null
  mkdir -p "$out/corpus-$t"
  echo "== $t"
  "$out/fuzz-$t" -runs="$runs" -max_len="$maxlen" -artifact_prefix="$out/crash-$t-" "$out/corpus-$t" "Tests/Fuzz/$t" 2>&1 \
    | grep -E "^#[0-9]+ +DONE|Done [0-9]+ runs|ERROR|crash" || true
  if ls "$out"/crash-"$t"-* >/dev/null 2>&1; then echo "crash in $t: see $out/crash-$t-*" >&2; exit 1; fi
done
