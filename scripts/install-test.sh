#!/usr/bin/env bash
# The install test (issue #12): the kiosk's Debian package installed the way a technician does it, into a
# throwaway Debian 12 root, then checked, upgraded and purged. Run as root: `npm run test:install` (CI: .ci/run).
#
#  1. A Debian 12 root from `debootstrap --variant=minbase bookworm`, cached as a tarball in $KIOSK_INSTALL_TEST_CACHE
#     (default /var/cache/kiosk-install-test, keyed by suite, mirror and ISO week) with the downloaded .debs, so
#     reruns download nothing they already have.
#  2. `apt-get install -y ./<package>.deb` inside the root (chroot: this machine's systemd is not PID 1, so nothing
#     boots in the root; services are started by hand as their units say, see prepare-service.ts).
#  3. Checks: `systemd-analyze verify --root` of the installed units; the installed host started as
#     kiosk-host.service starts it (its user, working folder, Environment=, StateDirectory=, credentials decrypted
#     with the root's systemd-creds, ExecStart=; not its sandbox, which needs systemd); `kiosk-doctor --json`
#     (no reader, no printer: failures with reasons, not crashes); a browser smoke test of the installed UI in
#     Debian's Chromium (scripts/install-test/smoke.ts).
#  4. Upgrade to the package rebuilt with a higher version: configuration and data survive, the database migrated.
#  5. `apt-get purge`: the data stays without the documented confirmation, and goes with it.
# Package: $KIOSK_INSTALL_TEST_DEB (and $KIOSK_INSTALL_TEST_DEB_UPGRADE), else built with `npm run dist`.
# One PASS/FAIL line per check, a closing "install-test: N passed, N failed" line; exit 1 on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

PKG=vn-public-service-kiosk
SUITE=bookworm
MIRROR=${KIOSK_INSTALL_TEST_MIRROR:-http://deb.debian.org/debian}
CACHE=${KIOSK_INSTALL_TEST_CACHE:-/var/cache/kiosk-install-test}
TSX="$REPO/node_modules/.bin/tsx"
RESULTS="$REPO/test-results"
passed=0
failed=0
HOST_PID=
NOTIFY_PID=
WORK=
ROOT=

say() { printf '%s\n' "$*"; }
pass() { passed=$((passed + 1)); say "PASS $*"; }
fail() { failed=$((failed + 1)); say "FAIL $*"; }
finish() {
  mkdir -p "$RESULTS"
  printf '{"passed":%d,"failed":%d}\n' "$passed" "$failed" >"$RESULTS/install.json"
  say ""
  say "install-test: $passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0 || exit 1
}
# A step that everything after it needs: fail, clean up, stop.
fatal() {
  fail "$*"
  finish
}
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
# Shows the end of a log under a failure.
show() { [ -s "$1" ] && tail -n "${2:-20}" "$1" | sed 's/^/    | /'; }

stop_host() {
  if [ -n "$HOST_PID" ] && kill -0 "$HOST_PID" 2>/dev/null; then
    kill -TERM "$HOST_PID" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$HOST_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$HOST_PID" 2>/dev/null
    wait "$HOST_PID" 2>/dev/null
  fi
  HOST_PID=
  sleep 0.5
  if [ -n "$NOTIFY_PID" ]; then
    kill -TERM "$NOTIFY_PID" 2>/dev/null
    wait "$NOTIFY_PID" 2>/dev/null
  fi
  NOTIFY_PID=
}

cleanup() {
  stop_host
  [ -n "$ROOT" ] || return 0
  # Anything still running inside the root was started by this script (the host, the doctor, apt): end it.
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$ROOT" ] && kill -KILL "${p#/proc/}" 2>/dev/null
  done
  sleep 0.2
  # Unmount everything under the root, deepest first.
  awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts | sort -r |
    while read -r m; do umount "$m" 2>/dev/null || umount -l "$m"; done
  if awk -v r="$ROOT" '$2 == r || index($2, r "/") == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
    say "install-test: mounts remain under $ROOT; not removing $WORK"
    return 0
  fi
  rm -rf --one-file-system "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "$(id -u)" = 0 ] || { say "install-test: run as root (debootstrap, chroot, mounts)"; exit 2; }
for tool in debootstrap chroot systemd-analyze dpkg-deb sqlite3 chromium; do
  command -v "$tool" >/dev/null || { say "install-test: $tool missing: run bash scripts/setup.sh --system-only"; exit 2; }
done
WORK=$(mktemp -d /var/tmp/kiosk-install-test.XXXXXX)
ROOT=$WORK/root
mkdir -p "$CACHE/archives/partial" "$RESULTS"
t0=$SECONDS

# ---------------------------------------------------------------------------------------------------------------
# The packages: given, or built (the upgrade package: the same build with a higher version)
ARCH=$(dpkg --print-architecture)
DEB=${KIOSK_INSTALL_TEST_DEB:-}
DEB2=${KIOSK_INSTALL_TEST_DEB_UPGRADE:-}
if [ -z "$DEB" ]; then
  say "== building the package (npm run dist)"
  env -u KIOSK_DIST_VERSION npm run -s dist >"$WORK/dist.log" 2>&1 || { show "$WORK/dist.log" 40; fatal "npm run dist builds the package"; }
  # The build's closing JSON line names the package it wrote.
  DEB=$(grep '^{"deb":' "$WORK/dist.log" | tail -n 1 | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0, "utf8")).deb)' 2>/dev/null)
  [ -n "$DEB" ] && [ -f "$DEB" ] || fatal "npm run dist left release/${PKG}_<version>_$ARCH.deb"
  cp "$DEB" "$WORK/" && DEB=$WORK/$(basename "$DEB")
fi
VERSION=$(dpkg-deb -f "$DEB" Version)
if [ -z "$DEB2" ]; then
  # A higher Debian version of the same upstream version: "1.2.3" → "1.2.3+installtest1".
  V2="$VERSION+installtest1"
  say "== building the upgrade package $V2 (KIOSK_DIST_VERSION=$V2 npm run dist)"
  env -u KIOSK_DIST_VERSION KIOSK_DIST_VERSION=$V2 npm run -s dist >"$WORK/dist2.log" 2>&1 || { show "$WORK/dist2.log" 40; fatal "the upgrade package builds"; }
  DEB2="release/${PKG}_${V2}_$ARCH.deb"
  [ -f "$DEB2" ] || fatal "KIOSK_DIST_VERSION=$V2 npm run dist left $DEB2"
  # A test build: not left in release/ beside the real package.
  mv "$DEB2" "$WORK/" && DEB2=$WORK/$(basename "$DEB2")
fi
VERSION2=$(dpkg-deb -f "$DEB2" Version)
dpkg --compare-versions "$VERSION2" gt "$VERSION" || fatal "upgrade package $VERSION2 is newer than $VERSION"
say "package $VERSION ($DEB), upgrade $VERSION2 ($DEB2)"

# ---------------------------------------------------------------------------------------------------------------
say "== Debian 12 root"
KEY=$(printf '%s\n' "$SUITE minbase $MIRROR $(date -u +%G-W%V) v1" | sha256sum | cut -c1-16)
BASE="$CACHE/base-$SUITE-$KEY.tar.gz"
if [ ! -f "$BASE" ]; then
  say "building the base root (debootstrap --variant=minbase $SUITE, once per week)"
  tb=$SECONDS
  debootstrap --variant=minbase "$SUITE" "$WORK/base" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
    { show "$WORK/debootstrap.log"; fatal "debootstrap $SUITE"; }
  rm -rf "$WORK/base/var/cache/apt/archives/"*.deb
  tar -C "$WORK/base" --numeric-owner -czf "$BASE.tmp" . && mv "$BASE.tmp" "$BASE"
  rm -rf --one-file-system "$WORK/base"
  find "$CACHE" -maxdepth 1 -name "base-*.tar.gz" ! -name "$(basename "$BASE")" -delete
  say "base root built in $((SECONDS - tb)) s"
fi
mkdir -p "$ROOT"
tar -C "$ROOT" --numeric-owner -xzf "$BASE" || fatal "unpack the base root"
mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$ROOT/dev/pts" 2>/dev/null || mount --bind /dev/pts "$ROOT/dev/pts"
mount -t tmpfs -o mode=0755 tmpfs "$ROOT/run"
mount --bind "$CACHE/archives" "$ROOT/var/cache/apt/archives"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# A chroot starts no services from maintainer scripts (invoke-rc.d and deb-systemd-invoke honour policy-rc.d).
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d" && chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
# A root thrown away after the test: dpkg need not fsync.
echo force-unsafe-io >"$ROOT/etc/dpkg/dpkg.cfg.d/install-test-unsafe-io"
# No manual-page index in a throwaway root (man-db's trigger is slow and tests nothing of the kiosk's).
echo 'man-db man-db/auto-update boolean false' | in_root debconf-set-selections
# Keep the downloaded .debs in the cache for the next run.
echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' >"$ROOT/etc/apt/apt.conf.d/90install-test-keep"
say "root ready ($((SECONDS - t0)) s since the start, package builds included)"

# ---------------------------------------------------------------------------------------------------------------
say "== install"
cp "$DEB" "$ROOT/root/" && cp "$DEB2" "$ROOT/root/"
DEB_IN=/root/$(basename "$DEB")
DEB2_IN=/root/$(basename "$DEB2")
ti=$SECONDS
in_root apt-get update -q >"$WORK/apt-update.log" 2>&1 || { show "$WORK/apt-update.log"; fatal "apt-get update in the root"; }
if in_root apt-get install -y -q "$DEB_IN" >"$WORK/install.log" 2>&1; then
  pass "apt-get install ./$(basename "$DEB") into a fresh Debian 12 root, dependencies from Debian ($((SECONDS - ti)) s)"
else
  show "$WORK/install.log" 40
  fatal "apt-get install ./$(basename "$DEB") into a fresh Debian 12 root"
fi

# What the package installed: its units, the doctor, the user, configuration and data folders.
UNITS=$(in_root dpkg -L "$PKG" | grep -E '^(/usr)?/lib/systemd/system/[^/]+\.(service|timer)$' | xargs -rn1 basename | sort -u | tr '\n' ' ')
HOST_UNIT=$(in_root dpkg -L "$PKG" | grep -E '/lib/systemd/system/kiosk-host\.service$' | head -n 1)
if [ -n "$HOST_UNIT" ] && in_root test -x /usr/bin/kiosk-doctor && in_root getent passwd kiosk >/dev/null; then
  pass "installed: units ($UNITS), /usr/bin/kiosk-doctor, system user kiosk"
else
  fatal "installed: kiosk-host.service ('$HOST_UNIT'), /usr/bin/kiosk-doctor, system user kiosk"
fi

# The technician's configuration (README "Install on a kiosk"): the portal gateway and its client secret file, so
# the host opens its database. The gateway address is a closed loopback port: nothing leaves this machine.
CONF=/etc/$PKG/kiosk.json
SECRET=/etc/$PKG/portal-client-secret
if [ -f "$ROOT$CONF" ] && node -e '
  const fs = require("fs");
  const [file, secret] = process.argv.slice(1);
  const c = JSON.parse(fs.readFileSync(file, "utf8"));
  c.portal = { ...(c.portal ?? {}), url: "https://127.0.0.1:9/", mock: false, clientId: "install-test-kiosk", clientSecretFile: secret };
  fs.writeFileSync(file, JSON.stringify(c, null, 2) + "\n");
' "$ROOT$CONF" "$SECRET" && printf 'install-test-not-a-real-secret\n' >"$ROOT$SECRET" &&
  in_root chown kiosk:kiosk "$SECRET" && chmod 0600 "$ROOT$SECRET"; then
  pass "configured as a technician would: $CONF (portal gateway), $SECRET (0600, user kiosk)"
else
  fatal "configure $CONF"
fi

# ---------------------------------------------------------------------------------------------------------------
say "== checks"
# shellcheck disable=SC2086
if out=$(systemd-analyze verify --man=no --root="$ROOT" $UNITS 2>&1) && [ -z "$out" ]; then
  pass "systemd-analyze verify --root: $UNITS"
else
  fail "systemd-analyze verify --root: $UNITS"
  printf '%s\n' "$out" | sed 's/^/    | /'
fi

# Starts the installed host as kiosk-host.service does; sets HOST_PID and BOOT_URL.
start_host() {
  local prep info userspec script n
  # Type=notify: systemd's notification socket, played by notify-socket.py (READY=1, WATCHDOG=1, STOPPING=1 and
  # the barriers of systemd-notify answered; each message lands in a log).
  mkdir -p "$ROOT/run/install-test"
  rm -f "$ROOT/run/install-test/notify"
  : >"$WORK/notify.log"
  python3 scripts/install-test/notify-socket.py "$ROOT/run/install-test/notify" >>"$WORK/notify.log" 2>"$WORK/notify.err" &
  NOTIFY_PID=$!
  for _ in $(seq 1 50); do [ -S "$ROOT/run/install-test/notify" ] && break; sleep 0.1; done
  prep=$("$TSX" scripts/install-test/prepare-service.ts "$ROOT" "$HOST_UNIT" kiosk-host.service /run/install-test/notify 2>"$WORK/prepare.err") ||
    { show "$WORK/prepare.err"; return 1; }
  show "$WORK/prepare.err" 5
  userspec=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).userspec)' "$prep")
  script=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).script)' "$prep")
  : >"$WORK/host.out"
  chroot --userspec="$userspec" "$ROOT" /bin/sh "$script" >"$WORK/host.out" 2>"$WORK/host.err" &
  HOST_PID=$!
  for n in $(seq 1 300); do
    grep -q '"event":"ready"' "$WORK/host.out" && break
    kill -0 "$HOST_PID" 2>/dev/null || break
    sleep 0.2
  done
  HOST_READY=$SECONDS
  info=$(grep -m1 '"event":"ready"' "$WORK/host.out") || { show "$WORK/host.out"; show "$WORK/host.err"; return 1; }
  read -r READY_URL HOST_MODE HOST_PORT < <(node -e 'const r = JSON.parse(process.argv[1]); console.log(r.url ?? "-", r.mode, r.port)' "$info" 2>/dev/null) ||
    { say "    | not a ready line: $info"; return 1; }
  # The screen's one-time URL: the installed kiosk hands it to the UI launcher on a Unix socket (never in the
  # journal), so ask as the screen does — `kiosk-ui --print-url` as kiosk-ui.service's user.
  if [ "$READY_URL" = - ]; then
    BOOT_URL=$(chroot --userspec="$userspec" "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/nonexistent \
      /usr/lib/$PKG/bin/kiosk-ui --print-url 2>"$WORK/print-url.err") || { show "$WORK/print-url.err"; return 1; }
  else
    BOOT_URL=$READY_URL
  fi
  # The user by the root's own user database (this machine's may give the uid another name).
  HOST_USER=$(in_root getent passwd "$(ps -o uid= -p "$HOST_PID" | tr -d ' ')" | cut -d: -f1)
  : "$n"
}

if start_host; then
  pass "installed host starts as kiosk-host.service does (user ${HOST_USER:-?}, mode $HOST_MODE, ${BOOT_URL%%/bootstrap*})"
  [ "$HOST_MODE" = production ] && pass "installed host runs in production mode by default" ||
    fail "installed host runs in production mode by default (got $HOST_MODE)"
  for _ in $(seq 1 50); do grep -q READY=1 "$WORK/notify.log" && break; sleep 0.2; done
  if grep -q '^READY=1' "$WORK/notify.log" && grep -q "^MAINPID=$HOST_PID\$" "$WORK/notify.log"; then
    pass "Type=notify: the host told systemd's socket READY=1 with its own MAINPID"
  else
    fail "Type=notify: READY=1 with MAINPID=$HOST_PID on NOTIFY_SOCKET"
    show "$WORK/notify.log"
    show "$WORK/notify.err"
  fi
  if [ "$(in_root stat -c '%a %U' /var/lib/$PKG)" = "700 kiosk" ]; then
    pass "data folder /var/lib/$PKG: mode 0700, user kiosk"
  else
    fail "data folder /var/lib/$PKG: mode 0700, user kiosk (got $(in_root stat -c '%a %U' /var/lib/$PKG 2>&1))"
  fi
  if [ "$READY_URL" = - ] && ! grep -q 'code=' "$WORK/host.out" "$WORK/host.err"; then
    pass "no one-time code in the host's log; kiosk-ui --print-url got one from the UI socket"
  else
    fail "no one-time code in the host's log (ready url: $READY_URL)"
  fi
else
  fatal "installed host starts as kiosk-host.service does"
fi

in_root kiosk-doctor --json >"$WORK/doctor.json" 2>"$WORK/doctor.err"
dstatus=$?
if "$TSX" scripts/install-test/check-doctor.ts "$WORK/doctor.json" "$dstatus" "$VERSION" >"$WORK/doctor.check" 2>&1; then
  pass "kiosk-doctor --json: a valid report, production, exit 1, no reader and no printer reported as failures"
  grep -E ' (pcscd|readers|printer):' "$WORK/doctor.check"
else
  fail "kiosk-doctor --json (exit $dstatus)"
  show "$WORK/doctor.check" 30
  show "$WORK/doctor.err"
fi

if "$TSX" scripts/install-test/smoke.ts "$BOOT_URL" "$RESULTS/install-attract.png" >"$WORK/smoke.log" 2>&1; then
  pass "browser smoke test of the installed UI (Debian Chromium):"
  sed 's/^/    /' "$WORK/smoke.log"
else
  fail "browser smoke test of the installed UI (Debian Chromium)"
  show "$WORK/smoke.log" 30
fi
# The watchdog: WatchdogSec=30s means WATCHDOG=1 every 15 s after READY=1; wait for the first one if need be.
for _ in $(seq 1 25); do
  grep -q '^WATCHDOG=1' "$WORK/notify.log" && break
  [ $((SECONDS - HOST_READY)) -ge 25 ] && break
  sleep 1
done
stop_host
if grep -q '^WATCHDOG=1' "$WORK/notify.log" && grep -q '^STOPPING=1' "$WORK/notify.log"; then
  pass "the host fed the watchdog (WATCHDOG=1) and said STOPPING=1 on SIGTERM"
else
  fail "the host fed the watchdog (WATCHDOG=1) and said STOPPING=1 on SIGTERM"
  show "$WORK/notify.log"
fi

# ---------------------------------------------------------------------------------------------------------------
say "== upgrade to $VERSION2"
DB=$(find "$ROOT/var/lib" -name kiosk.db -type f 2>/dev/null | head -n 1)
ETC_SUM=$(cd "$ROOT" && find etc/$PKG -type f 2>/dev/null | sort | xargs -r sha256sum)
if [ -n "$DB" ]; then
  MARK="install-test $(date -u +%s) $$"
  sqlite3 "$DB" "INSERT INTO settings(key, value, updated_at) VALUES ('install-test-marker', '$MARK', 0)" 2>"$WORK/sql.err" ||
    { show "$WORK/sql.err"; fail "a marker row written into the installed database"; }
  SCHEMA_LATEST=$(sqlite3 "$DB" "SELECT max(version) FROM schema_version")
  # Both packages come from one source tree, so they share a schema. To see the upgrade migrate, the database is
  # set back to what the package one migration older left: migration 006 (report-counts, one new table) undone.
  if [ "$(sqlite3 "$DB" "SELECT name FROM schema_version WHERE version = $SCHEMA_LATEST")" = report-counts ] &&
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM report_counts")" = 0 ]; then
    sqlite3 "$DB" "BEGIN; DROP TABLE report_counts; DELETE FROM schema_version WHERE version = $SCHEMA_LATEST; COMMIT;"
  else
    say "note: the newest migration is not report-counts (or its table has rows): the database is not set back"
  fi
  SCHEMA1=$(sqlite3 "$DB" "SELECT max(version) FROM schema_version")
  AUDIT1=$(sqlite3 "$DB" "SELECT count(*) || ':' || coalesce(max(hash), '') FROM audit")
  pass "before the upgrade: database ${DB#"$ROOT"} at schema $SCHEMA1, a marker row in settings, audit ${AUDIT1%%:*} rows"
else
  fail "the installed host created its database under /var/lib"
fi
if in_root apt-get install -y -q "$DEB2_IN" >"$WORK/upgrade.log" 2>&1 &&
  [ "$(in_root dpkg-query -W -f='${Version}' "$PKG")" = "$VERSION2" ]; then
  pass "apt-get install ./$(basename "$DEB2") upgrades $VERSION → $VERSION2"
else
  show "$WORK/upgrade.log" 30
  fail "apt-get install ./$(basename "$DEB2") upgrades $VERSION → $VERSION2"
fi
ETC_SUM2=$(cd "$ROOT" && find etc/$PKG -type f 2>/dev/null | sort | xargs -r sha256sum)
[ -n "$ETC_SUM" ] && [ "$ETC_SUM" = "$ETC_SUM2" ] && pass "configuration in /etc kept as it was" ||
  fail "configuration in /etc kept as it was"
if start_host; then
  pass "the upgraded host starts"
  stop_host
  if [ -n "$DB" ] && [ -f "$DB" ]; then
    got=$(sqlite3 "$DB" "SELECT value FROM settings WHERE key = 'install-test-marker'")
    SCHEMA2=$(sqlite3 "$DB" "SELECT max(version) FROM schema_version")
    AUDIT2=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE seq <= ${AUDIT1%%:*}")
    broken=$(sqlite3 "$DB" "SELECT group_concat(code) FROM alerts WHERE code IN ('store-key-missing', 'audit-chain-broken', 'store-quarantined')")
    if [ "$got" = "$MARK" ] && [ "$SCHEMA2" = "$SCHEMA_LATEST" ] && [ "$AUDIT2" = "${AUDIT1%%:*}" ] && [ -z "$broken" ]; then
      pass "data survived the upgrade: marker row, audit chain opened with the kept key, database migrated $SCHEMA1 → $SCHEMA2"
    else
      fail "data survived the upgrade (marker '$got', schema $SCHEMA1 → $SCHEMA2, audit $AUDIT2/${AUDIT1%%:*}, alerts '$broken')"
    fi
  fi
else
  fail "the upgraded host starts"
fi

# ---------------------------------------------------------------------------------------------------------------
say "== purge"
DATA_DIR=$(dirname "$DB" 2>/dev/null)
STATE="$ROOT/var/lib/$PKG"
[ -d "$STATE" ] || STATE=${DATA_DIR%/*}
in_root apt-get purge -y -q "$PKG" >"$WORK/purge1.log" 2>&1 || { show "$WORK/purge1.log"; fail "apt-get purge without confirmation"; }
if [ -f "$DB" ]; then
  pass "apt-get purge without the confirmation keeps the data (${DB#"$ROOT"})"
else
  fail "apt-get purge without the confirmation keeps the data (${DB#"$ROOT"} is gone)"
fi
in_root apt-get install -y -q "$DEB2_IN" >"$WORK/reinstall.log" 2>&1 || { show "$WORK/reinstall.log"; fail "reinstall before the confirmed purge"; }
in_root KIOSK_PURGE_DATA=yes apt-get purge -y -q "$PKG" >"$WORK/purge2.log" 2>&1 || { show "$WORK/purge2.log"; fail "apt-get purge with KIOSK_PURGE_DATA=yes"; }
if [ ! -e "$STATE" ] && [ ! -e "$DB" ] && ! in_root getent passwd kiosk >/dev/null &&
  ! ls "$ROOT/etc/$PKG/"*.cred >/dev/null 2>&1; then
  pass "KIOSK_PURGE_DATA=yes apt-get purge removes the data (${STATE#"$ROOT"}), the credentials and user kiosk"
else
  fail "KIOSK_PURGE_DATA=yes apt-get purge removes the data (${STATE#"$ROOT"}), the credentials and user kiosk"
  ls -ld "$STATE" "$ROOT/etc/$PKG/"*.cred 2>&1 | sed 's/^/    | /'
fi

say "install test took $((SECONDS - t0)) s"
finish
