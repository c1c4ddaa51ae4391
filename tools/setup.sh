#!/usr/bin/env bash
# Installs what camgap needs to build and test on Debian: GEOS and PROJ (C libraries with
# headers); GDAL's library (camgap reads planners' Shapefiles, GeoPackages and spreadsheets
# through OGR and writes GeoPackages) and its command-line tools, which the tests use to check
# that every file camgap writes opens in GDAL; libpq (headers) for the PostgreSQL registry, and
# PostgreSQL 15 with PostGIS, which the tests run a throwaway cluster of (tools/pgcluster.sh).
# Does nothing when everything is already there.
set -euo pipefail
need=()
for pkg in libgeos-dev libproj-dev proj-data libgdal-dev gdal-bin sqlite3 libsqlite3-dev \
  postgresql-15 postgresql-15-postgis-3 libpq-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
