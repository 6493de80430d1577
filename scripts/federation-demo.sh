#!/usr/bin/env bash
# Starts a second Red de Ollas instance beside the demo, as another network would run its own:
# its own port and embedded database, seeded with one other district (Cercado de Lima), its own
# name and signing key. Then prints what the city coordinator of the first instance types on
# /coordinacion/redes to follow it. Needs a production build (npm run build).
#
#   FEDERATION_ALLOW_LOOPBACK=1 SEED_DEMO=1 npm start  # the first instance (port 3000), loopback peers allowed
#                                                       # (SEED_DEMO=1: a production start seeds nobody to sign in as otherwise)
#   bash scripts/federation-demo.sh                   # the second one (port 3001)
#
# Options (environment): PEER_PORT (3001), PEER_DIR (.data/pglite-peer), PEER_DISTRICTS
# ("150101:30": ubigeo:ollas,…), PEER_NAME. Ctrl-C stops it; its database stays in PEER_DIR
# (delete the folder to start over).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PEER_PORT:-3001}"
DIR="${PEER_DIR:-.data/pglite-peer}"
URL="http://127.0.0.1:${PORT}"
export PGLITE_DIR="$DIR" SEED_DEMO=1 SEED_DEMO_DISTRICTS="${PEER_DISTRICTS:-150101:30}"
export FEDERATION_NAME="${PEER_NAME:-Red de Ollas del Cercado de Lima}" FEDERATION_URL="$URL" NEXTAUTH_URL="$URL"
export FEDERATION_ALLOW_LOOPBACK=1 PERSONAL_DATA_PURGE=0
[ -d "${NEXT_DIST_DIR:-.next}" ] || { echo "No build found: run npm run build first." >&2; exit 1; }

node node_modules/next/dist/bin/next start -p "$PORT" -H 127.0.0.1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do
  curl -fsS "$URL/api/health" >/dev/null 2>&1 && break
  kill -0 $PID 2>/dev/null || { echo "The second instance did not start." >&2; exit 1; }
  sleep 1
done
THUMB=$(curl -fsS "$URL/.well-known/jwks.json" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const k=JSON.parse(s).keys;console.log(k[k.length-1].kid)})')
cat <<MSG

  "$FEDERATION_NAME" is running at $URL (database $DIR).
  Its key thumbprint (what its coordinator would read to you by phone):

      $THUMB

  On the first instance (started with FEDERATION_ALLOW_LOOPBACK=1), sign in as ciudad@redollas.pe,
  open /coordinacion/redes, type $URL, compare the thumbprint, type it, and press
  "Actualizar ahora". Its ollas then show under the map (/mapa), on /necesidades and on /panel,
  each "de $FEDERATION_NAME".

  To sign in on this second instance too (e.g. to open an olla there and see it arrive), use a
  private window: browsers keep cookies per host, not per port, so signing in at $URL in the
  same window signs you out of the first instance on 127.0.0.1.

MSG
wait $PID
