#!/usr/bin/env bash
# Installs what camgap needs to build and test on Debian: GEOS and PROJ (C libraries with
# headers); GDAL's library (camgap reads planners' Shapefiles, GeoPackages and spreadsheets
# through OGR and writes GeoPackages) and its command-line tools, which the tests use to check
# that every file camgap writes opens in GDAL; libpq (headers) for the PostgreSQL registry, and
# PostgreSQL 15 with PostGIS, which the tests run a throwaway cluster of (tools/pgcluster.sh);
# Leaflet, which the HTML report inlines; and what the browser tests drive and check it with:
# headless Chromium and its WebDriver, Selenium and PIL for Debian's Python, poppler's pdftoppm
# for the printed atlas, and a CJK font so Chinese names render as characters. Does nothing
# when everything is already there.
set -euo pipefail
need=()
for pkg in libgeos-dev libproj-dev proj-data libgdal-dev gdal-bin sqlite3 libsqlite3-dev \
  postgresql-15 postgresql-15-postgis-3 libpq-dev \
  libjs-leaflet chromium chromium-driver python3-selenium python3-pil poppler-utils fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
