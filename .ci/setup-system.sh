#!/usr/bin/env bash
# Installs what the test suite needs from Debian: Chromium for browser tests and
# pgvector (built from Debian's source package) for the real-PostgreSQL run.
# Idempotent: each step is skipped when its result is already present.
set -euo pipefail

log() { printf '[setup] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
}

# --- PostgreSQL running ---
if ! pg_isready -h 127.0.0.1 -q; then
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && break; sleep 1; done
fi

# --- Redis running ---
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi

# --- Chromium ---
if ! command -v chromium >/dev/null 2>&1; then
  log "installing chromium"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

# --- pgvector ---
pg_major=$(ls /etc/postgresql | sort -n | tail -1)
if ! psql -h 127.0.0.1 -U postgres -d postgres -qAtc "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null 2>&1; then
  log "building pgvector for PostgreSQL $pg_major from Debian's source package"
  src_list=/etc/apt/sources.list.d/firstline-trixie-src.sources
  if [ ! -f "$src_list" ]; then
    mirror=$(grep -h '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1 | awk '{print $2}')
    mirror=${mirror:-http://deb.debian.org/debian}
    as_root tee "$src_list" >/dev/null <<SRC
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_updated=0
  fi
  apt_update_once
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "postgresql-server-dev-$pg_major" build-essential >/dev/null
  work=$(mktemp -d)
  (
    cd "$work"
    apt-get source --download-only pgvector >/dev/null
    tar xf pgvector_*.orig.tar.*
    cd "$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -1)"
    make -s PG_CONFIG="/usr/lib/postgresql/$pg_major/bin/pg_config" >/dev/null
    as_root make -s install PG_CONFIG="/usr/lib/postgresql/$pg_major/bin/pg_config" >/dev/null
  )
  rm -rf "$work"
  psql -h 127.0.0.1 -U postgres -d postgres -qAtc "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
fi
log "system ready: chromium=$(command -v chromium), pgvector ok"
