#!/usr/bin/env bash
# Writes every result camgap makes on the sample bundles and a generated city to one folder,
# so two builds can be compared byte for byte (`cmp` each file of two folders).
#
#   tools/outputs.sh CAMGAP OUTDIR [CITY_BUNDLE]
#
# CITY_BUNDLE is made with `camgap-gen city --cameras 150000 --out DIR`; without it only
# geodata/pinghu and geodata/helsinki are run.
set -u
bin=$1
out=$2
city=${3:-}
cd "$(dirname "$0")/.."
mkdir -p "$out"
: >"$out/rc.txt"
for b in pinghu helsinki ${city:+city}; do
  case $b in city) d=$city ;; *) d=geodata/$b ;; esac
  for f in json geojson html csv; do
    "$bin" audit "$d" --format $f --out "$out/$b.audit.$f" 2>"$out/$b.audit.$f.err"
    echo "$b audit $f rc=$?" >>"$out/rc.txt"
  done
  "$bin" coverage "$d" >"$out/$b.coverage.geojson" 2>"$out/$b.coverage.err"
  echo "$b coverage rc=$?" >>"$out/rc.txt"
  "$bin" entries "$d" --format json >"$out/$b.entries.json" 2>"$out/$b.entries.err"
  echo "$b entries rc=$?" >>"$out/rc.txt"
  if [ "$b" != city ]; then
    "$bin" plan "$d" --budget 10 --format json >"$out/$b.plan.json" 2>"$out/$b.plan.err"
    echo "$b plan rc=$?" >>"$out/rc.txt"
  fi
done
