#!/usr/bin/env bash
# ThreadSanitizer on the parallel audit (geodata/pinghu, --threads 2) and
# AddressSanitizer on the AuditTests suite. Each uses its own scratch path.
# Usage: tools/sanitize.sh [tsan|asan]   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-both}
status=0
if [[ $what == tsan || $what == both ]]; then
  echo "== swift build --sanitize=thread --scratch-path .build-tsan --product camgap"
  swift build --sanitize=thread --scratch-path .build-tsan --product camgap
  echo "== .build-tsan/debug/camgap audit geodata/pinghu --threads 2 --format json"
  log=$(mktemp)
  if TSAN_OPTIONS="halt_on_error=0" .build-tsan/debug/camgap audit geodata/pinghu --threads 2 --format json \
      >/dev/null 2>"$log"; then
    echo "audit exit 0"
  else
    echo "audit exit $?"; status=1
  fi
  n=$(grep -c "WARNING: ThreadSanitizer" "$log" || true)
  echo "ThreadSanitizer warnings: $n"
  [[ $n == 0 ]] || { grep -A12 "WARNING: ThreadSanitizer" "$log" | head -60; status=1; }
fi
if [[ $what == asan || $what == both ]]; then
  # Memory errors on the whole suite; leaks are checked by tools/valgrind.sh on real runs,
  # because XCTest itself keeps test objects alive at exit (see docs/HARDENING.md).
  echo "== ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan"
  log=$(mktemp)
  rc=0
  ASAN_OPTIONS=detect_leaks=0 swift test --sanitize=address --scratch-path .build-asan >"$log" 2>&1 || rc=$?
  grep -E "AddressSanitizer|Executed|error:" "$log" | tail -8 || true
  # LeakSanitizer runs at exit; show where each direct leak was allocated (indirect leaks hang from them).
  grep -A6 "^Direct leak" "$log" | sed 's/ (BuildId.*//' || true
  echo "swift test exit $rc (log: $log)"
  [[ $rc == 0 ]] || status=1
fi
exit $status
