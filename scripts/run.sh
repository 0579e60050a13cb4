#!/usr/bin/env bash
# Runs the portal on http://localhost:5080 with embedded SQLite. On first run it sets the site up unattended
# with the micro-wish recipe and demo content; the administrator's password is generated once and kept in
# App_Data/admin-password.txt (never committed).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${Portal__DataPath:-$(pwd)/src/Portal.Web/App_Data}"
mkdir -p "$data"
if [ ! -f "$data/admin-password.txt" ]; then
  printf 'Wish-%s-1a' "$(head -c 9 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$data/admin-password.txt"
  chmod 600 "$data/admin-password.txt"
fi
export Portal__DataPath="$data"
export Portal__Setup__SiteName="${Portal__Setup__SiteName:-微心愿}"
export Portal__Setup__AdminUserName="${Portal__Setup__AdminUserName:-admin}"
export Portal__Setup__AdminEmail="${Portal__Setup__AdminEmail:-admin@example.org}"
export Portal__Setup__AdminPassword="${Portal__Setup__AdminPassword:-$(cat "$data/admin-password.txt")}"
export Portal__Setup__Recipe="${Portal__Setup__Recipe:-micro-wish}"
echo "Portal: ${PORTAL_URLS:-http://localhost:5080}  (admin: $Portal__Setup__AdminUserName / password in $data/admin-password.txt)"
exec dotnet run --project src/Portal.Web -c Release --urls "${PORTAL_URLS:-http://localhost:5080}" "$@"
