#!/usr/bin/env bash
# The Debian package's life in a throwaway Debian 12 root: install (its dependencies from
# Debian's mirror), start and answer, upgrade to a later build with the data kept, remove (data
# kept), purge (data, configuration and user gone). Run by hand, as root, with network:
#
#   tests/cli/package_chroot_test.sh [ROOT]
#
# ROOT: a Debian 12 root made by `debootstrap --variant=minbase bookworm ROOT` (made here when
# the folder does not exist; about 130 MB from the mirror). The package's dependencies add about
# 100 MB. Not part of scripts/test: it needs root and the network, and takes 5 to 10 minutes;
# the `package` ctest checks the package's contents on every run (docs/OPERATIONS.md).
# There is no systemd in a chroot: postinst makes the user, the folder and the schema and starts
# nothing, so the server is started here as the unit's ExecStart would, as the user riaya.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "package_chroot_test: run as root" >&2; exit 2; }
root=$(realpath -m "${1:-/tmp/riaya-chroot}")
port=18781

if [ ! -f "$root/etc/debian_version" ]; then
  command -v debootstrap >/dev/null || apt-get install -y debootstrap
  debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi

# Two builds of the same version: Debian revisions 1 and 2 (the build folder is set back to 1).
cmake -DRIAYA_PACKAGE_RELEASE=1 build >/dev/null
cp "$(scripts/package)" "$root/tmp/first.deb"
cmake -DRIAYA_PACKAGE_RELEASE=2 build >/dev/null
cp "$(scripts/package)" "$root/tmp/second.deb"
cmake -DRIAYA_PACKAGE_RELEASE=1 build >/dev/null

mount --bind /proc "$root/proc"
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  umount "$root/proc" 2>/dev/null || true
}
trap cleanup EXIT
in_root() { chroot "$root" "$@"; }
check() {  # WHAT COMMAND…
  local what=$1
  shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what" >&2; exit 1; fi
}
serve_and_ask() {  # WHAT
  ! curl -s "http://127.0.0.1:$port/healthz" >/dev/null || { echo "port $port is taken" >&2; exit 1; }
  chroot --userspec=riaya:riaya "$root" env RIAYA_LISTEN=127.0.0.1:$port riaya --config /etc/riaya/riaya.conf \
    serve >"$root/tmp/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  check "$1: the server runs as riaya" sh -c "[ \"\$(ps -o user= -p $server)\" = riaya ] || \
    [ \"\$(ps -o uid= -p $server | tr -d ' ')\" = \"\$(chroot '$root' id -u riaya)\" ]"
  check "$1: /healthz" curl -sf "http://127.0.0.1:$port/healthz" -o /dev/null
  check "$1: /readyz" curl -sf "http://127.0.0.1:$port/readyz" -o /dev/null
  check "$1: the web app" sh -c "curl -sf http://127.0.0.1:$port/ | grep -q '<html'"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}

in_root apt-get purge -y -q riaya >/dev/null 2>&1 || true  # a root reused from an interrupted run
in_root apt-get update -q >/dev/null
in_root apt-get install -y -q sqlite3 >/dev/null
check "install with its dependencies" in_root apt-get install -y -q /tmp/first.deb
check "the system user riaya" in_root getent passwd riaya
check "the data folder, the user's only" sh -c "[ \"\$(chroot '$root' stat -c %U:%a /var/lib/riaya)\" = riaya:750 ]"
check "the configuration, not world-readable" sh -c \
  "[ \"\$(chroot '$root' stat -c %U:%G:%a /etc/riaya/riaya.conf)\" = root:riaya:640 ]"
check "the schema made by postinst" sh -c "[ -s '$root/var/lib/riaya/riaya.db' ]"
check "a first administrator" in_root sh -c 'cd /var/lib/riaya && runuser -u riaya -- riaya --config \
  /etc/riaya/riaya.conf user add --username admin --display-name Admin --role admin --password a-long-password-1 \
  >/dev/null'
serve_and_ask "first build"

check "upgrade to the second build" in_root apt-get install -y -q /tmp/second.deb
check "the second build installed" sh -c "chroot '$root' dpkg-query -W -f='\${Version}' riaya | grep -q -- '-2\$'"
check "the data kept by the upgrade" sh -c "[ \"\$(chroot '$root' sqlite3 /var/lib/riaya/riaya.db \
  'SELECT username FROM users')\" = admin ]"
serve_and_ask "after the upgrade"

check "remove" in_root apt-get remove -y -q riaya
check "the data kept by remove" sh -c "[ -s '$root/var/lib/riaya/riaya.db' ]"
check "the configuration kept by remove" sh -c "[ -f '$root/etc/riaya/riaya.conf' ]"
check "purge" in_root apt-get purge -y -q riaya
check "the data gone with purge" sh -c "[ ! -e '$root/var/lib/riaya' ]"
check "the configuration gone with purge" sh -c "[ ! -e '$root/etc/riaya' ]"
check "the user gone with purge" sh -c "! chroot '$root' getent passwd riaya"
echo "package_chroot_test: the package's install, upgrade, removal and purge all passed in $root"
