#!/usr/bin/env bash
# Idempotent set-up, fast when nothing is missing. Run by `npm start`, `npm test` and .ci/run.
#  1. Debian packages the kiosk needs (installed when running as root; otherwise it says what to install).
#  2. `npm ci` when node_modules is missing or older than package-lock.json.
# Electron's binary cannot be downloaded on machines without internet access, so the install skips it
# unless KIOSK_ELECTRON_DOWNLOAD=1; `npm start` then serves the UI to Chromium instead.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools   # PC/SC daemon, headers, virtual reader driver, pcsc_scan/scriptor
  chromium                                           # browser mode and e2e tests
  socat                                              # virtual serial QR scanner (pseudo-terminal pairs)
  espeak-ng alsa-utils                               # spoken guidance (vi, en), offline; aplay plays it
  fonts-noto-core                                    # full Vietnamese glyph coverage for UI and receipts
  poppler-utils zbar-tools                           # receipt checks: pdftoppm/pdftotext, zbarimg
  sqlite3 procps iproute2                            # technician tools; ip (the simulator's quick-ACK loopback route)
  libopenjp2-tools                                   # opj_compress/opj_decompress: regenerate fixtures/faces (JPEG 2000)
  vsmartcard-vpicc python3-pycryptodome              # vicc: a third-party ICAO card emulator for interop tests
  sane-utils libsane1                                # document scanners: scanimage; SANE's test backend for tests/demo
  systemd openssl python3                            # deploy/ unit checks, the host's sd_notify; kiosk doctor's TLS test
  prometheus                                         # promtool: checks deploy/monitoring's rules and scrape config
  debootstrap systemd-container                      # install test: a throwaway Debian 12 root (scripts/install-test.sh)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -q '^installed$' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install (as root): apt-get install ${missing[*]}" >&2
  fi
fi

# Kiosk machines only (KIOSK_LOCKDOWN=1, as root; never on development or CI machines):
#  - Chromium's managed policy for browser mode (no devtools, printing, downloads, file pickers, other sites);
#  - the system pcscd stops loading vsmartcard's vpcd, which listens on every interface (demo mode runs its
#    own pcscd whose vpcd is reachable from this machine only: host/devices/isolated-pcscd.ts).
if [ "${KIOSK_LOCKDOWN:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
  install -D -m 0644 scripts/kiosk/chromium-kiosk-policy.json /etc/chromium/policies/managed/kiosk-dich-vu-cong.json
  if [ -e /etc/reader.conf.d/vpcd ]; then
    dpkg-divert --local --rename --divert /etc/reader.conf.d/vpcd.kiosk-disabled --add /etc/reader.conf.d/vpcd
    systemctl try-restart pcscd.service 2>/dev/null || true
  fi
fi

[ "${1:-}" = "--system-only" ] && exit 0

stamp=node_modules/.kiosk-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing npm dependencies (npm ci)"
  if [ "${KIOSK_ELECTRON_DOWNLOAD:-0}" != 1 ]; then export ELECTRON_SKIP_BINARY_DOWNLOAD=1; fi
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
# Electron >= 42 has no postinstall download: fetch its binary explicitly, only when asked (needs internet).
if [ "${KIOSK_ELECTRON_DOWNLOAD:-0}" = 1 ]; then node node_modules/electron/install.js; fi
