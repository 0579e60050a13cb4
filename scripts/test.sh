#!/usr/bin/env bash
# Runs every test of the portal and ends with one line "N passed, N failed".
# Installs what the tests need when it is missing (PostgreSQL, Chromium, CJK fonts) and runs a private
# PostgreSQL instance on 127.0.0.1:${PORTAL_PG_PORT:-55432} for the duration of the run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log_dir="$root/artifacts/test-logs"
rm -rf "$log_dir" && mkdir -p "$log_dir"

source scripts/lib/services.sh
ensure_packages
start_postgres || { echo "0 passed, 1 failed"; exit 1; }
trap stop_postgres EXIT

if ! dotnet build Portal.sln -c Release 2>&1 | tee "$log_dir/build.log" | grep -E "error|Build succeeded" | sort -u; then :; fi
if ! grep -q "Build succeeded" "$log_dir/build.log"; then
  echo "Build failed; see $log_dir/build.log"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0; failed=0; skipped=0; status=0
for project in tests/*/*.Tests.csproj tests/Portal.E2E/Portal.E2E.csproj; do
  [ -f "$project" ] || continue
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --results-directory "$log_dir" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" > "$log_dir/$name.log" 2>&1
  code=$?
  counters=$(grep -o '<Counters [^>]*>' "$log_dir/$name.trx" 2>/dev/null)
  if [ -z "$counters" ]; then
    echo "   no test results (exit $code); see $log_dir/$name.log"
    tail -20 "$log_dir/$name.log"
    failed=$((failed + 1)); status=1; continue
  fi
  count() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
  p=$(count passed); f=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) )); s=$(count notExecuted)
  echo "   $p passed, $f failed, $s skipped"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$f" != "0" ] || [ $code -ne 0 ]; then
    status=1
    [ "$f" = "0" ] && { failed=$((failed + 1)); echo "   dotnet test exited $code"; }
    grep -E "^\s+Failed [A-Za-z]" "$log_dir/$name.log" | head -30
  fi
done

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
