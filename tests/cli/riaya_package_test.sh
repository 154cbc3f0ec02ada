#!/usr/bin/env bash
# The Debian package (scripts/package): builds it from BUILD-DIR and checks, with dpkg-deb, what
# an administrator gets: the files and their modes, the control fields, the conffile, the
# maintainer scripts (user, data kept on remove, deleted on purge, migrations on upgrade), the
# systemd units' hardening (systemd-analyze verify when it can run here), a configuration that
# names every setting the server knows; then runs the packaged server from the unpacked files
# with the packaged configuration and asks it /healthz, /readyz and the web app.
# Installing into a throwaway Debian 12 root is the manual run of docs/OPERATIONS.md.
# Usage: riaya_package_test.sh BUILD-DIR
set -euo pipefail
build=$(realpath "$1")
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
server=
trap '{ [ -n "$server" ] && kill "$server" 2>/dev/null; } || true; rm -rf "$dir"' EXIT
# shellcheck source=tests/cli/checks.sh
. "$(dirname "$0")/checks.sh"

started=$(date +%s)
deb=$("$source_dir/scripts/package" "$build" | tail -n 1)
echo "package built in $(($(date +%s) - started)) s: $(basename "$deb"), $(du -h "$deb" | cut -f1)"
check "named riaya_VERSION-RELEASE_amd64.deb" \
  bash -c "[[ '$(basename "$deb")' =~ ^riaya_[0-9]+\.[0-9]+\.[0-9]+-[0-9]+_amd64\.deb$ ]]"

dpkg-deb -c "$deb" >"$dir/contents"
entry() {  # entry MODE PATH: the package holds PATH, owned by root, with MODE (ls -l form)
  grep -qE "^$1 root/root +[0-9]+ [0-9-]+ [0-9:]+ \./${2//./\\.}\$" "$dir/contents"
}
check "the server in /usr/bin" entry -rwxr-xr-x usr/bin/riaya
check "the web app in /usr/share/riaya/web" entry -rw-r--r-- usr/share/riaya/web/index.html
check "... with its scripts" grep -qE '\./usr/share/riaya/web/assets/.*\.js$' "$dir/contents"
check "the configuration, unreadable by others" entry -rw-r----- etc/riaya/riaya.conf
check "the service" entry -rw-r--r-- lib/systemd/system/riaya.service
check "the backup's service and timer" \
  bash -c "grep -q 'lib/systemd/system/riaya-backup.service$' '$dir/contents' \
    && grep -q 'lib/systemd/system/riaya-backup.timer$' '$dir/contents'"
check "the backup script" entry -rwxr-xr-x usr/lib/riaya/riaya-backup
check "the operations guide" entry -rw-r--r-- usr/share/doc/riaya/OPERATIONS.md
refuse "nothing under /usr/local or the build folder" grep -qE "\./usr/local|$build" "$dir/contents"

dpkg-deb -I "$deb" >"$dir/info"
check "control: package riaya for amd64" \
  bash -c "grep -qx ' Package: riaya' '$dir/info' && grep -qx ' Architecture: amd64' '$dir/info'"
check "control: depends on the libraries it links (dpkg-shlibdeps)" grep -qE '^ Depends: .*libsoci-sqlite3' "$dir/info"
check "control: depends on the fonts of the PDF documents" \
  grep -qE '^ Depends: .*fonts-hosny-amiri.*fonts-noto-core' "$dir/info"

dpkg-deb -e "$deb" "$dir/control"
check "the configuration is a conffile (an edited one survives upgrades)" \
  grep -qx /etc/riaya/riaya.conf "$dir/control/conffiles"
for script in postinst prerm postrm; do
  check "$script is an executable sh script" bash -c "[ -x '$dir/control/$script' ] && sh -n '$dir/control/$script'"
done
check "postinst makes the system user riaya" \
  bash -c "grep -q 'useradd --system' '$dir/control/postinst' \
    && grep -q -- '--comment \"Riaya server\" riaya$' '$dir/control/postinst'"
check "postinst runs the migrations as riaya" \
  grep -q 'runuser -u riaya -- /usr/bin/riaya --config /etc/riaya/riaya.conf migrate' "$dir/control/postinst"
check "postinst enables the service and the backup's timer" \
  grep -q 'systemctl enable riaya.service riaya-backup.timer' "$dir/control/postinst"
check "prerm stops the service before an upgrade or removal" \
  grep -q 'remove | upgrade | deconfigure) systemctl stop riaya.service' "$dir/control/prerm"
check "postrm deletes the data only on purge" \
  bash -c "sed -n '/= purge \\]; then/,/^fi/p' '$dir/control/postrm' | grep -q 'rm -rf /var/lib/riaya'"
check "... and not otherwise" test "$(grep -c '/var/lib/riaya' "$dir/control/postrm")" = 2

dpkg-deb -x "$deb" "$dir/root"
unit="$dir/root/lib/systemd/system/riaya.service"
for directive in User=riaya ExecStart="/usr/bin/riaya serve --config /etc/riaya/riaya.conf" ProtectSystem=strict \
  PrivateTmp=yes NoNewPrivileges=yes ReadWritePaths=/var/lib/riaya StandardOutput=journal WantedBy=multi-user.target; do
  check "the service says $directive" grep -qx "$directive" "$unit"
done
check "the timer runs daily" grep -qx OnCalendar=daily "$dir/root/lib/systemd/system/riaya-backup.timer"
check "the backup keeps 14" grep -qx keep=14 "$dir/root/usr/lib/riaya/riaya-backup"
if command -v systemd-analyze >/dev/null && systemd-analyze --version >/dev/null 2>&1; then
  # Against the unpacked tree (its /usr/bin/riaya), without a running systemd: the targets of a
  # booted system are missing there, anything else it says (a directive it cannot parse, an
  # unknown key, a missing program) is a failure.
  systemd-analyze verify --root="$dir/root" /lib/systemd/system/riaya.service \
    /lib/systemd/system/riaya-backup.service /lib/systemd/system/riaya-backup.timer >"$dir/verify" 2>&1 || true
  check "systemd-analyze verify finds nothing wrong in the units" \
    bash -c "! grep -v 'Unit sysinit.target not found' '$dir/verify' | grep ."
else
  echo "systemd-analyze is not here: the units' syntax was not verified"
fi

# Every setting the server knows (riaya's own options and serve's) is in the configuration, and
# every line there, commented or not, is one the server accepts.
riaya="$dir/root/usr/bin/riaya"
{ "$riaya" --help && "$riaya" serve --help; } | grep -o "RIAYA_[A-Z][A-Z_]*" | grep -vx RIAYA_CONFIG | sort -u \
  >"$dir/known"
grep -o '^#\?RIAYA_[A-Z_]*' "$dir/root/etc/riaya/riaya.conf" | tr -d '#' | sort -u >"$dir/listed"
check "riaya.conf names every setting of riaya serve --help" diff "$dir/known" "$dir/listed"
sed 's/^#RIAYA_/RIAYA_/' "$dir/root/etc/riaya/riaya.conf" >"$dir/every.conf"
check "... and riaya accepts each one's example" \
  env RIAYA_DATABASE="sqlite:$dir/every.db" "$riaya" --config "$dir/every.conf" migrate

# The packaged server, with the packaged configuration (the environment wins over it: a
# database and a web app in the scratch folder, a free port).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RIAYA_DATABASE="sqlite:$dir/riaya.db" RIAYA_WEB_ROOT="$dir/root/usr/share/riaya/web" RIAYA_LISTEN="127.0.0.1:$port" \
  "$riaya" serve --config "$dir/root/etc/riaya/riaya.conf" >"$dir/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.1; done
check "the packaged server answers /healthz" bash -c "curl -fs 'http://127.0.0.1:$port/healthz' | grep -q '\"ok\"'"
check "... and /readyz" curl -fs "http://127.0.0.1:$port/readyz"
check "... and serves the packaged web app" bash -c "curl -fs 'http://127.0.0.1:$port/' | grep -qi '<!doctype html>'"
check "... and logs JSON lines" bash -c "grep -q '\"msg\":\"access\"' '$dir/serve.log'"
kill "$server"
wait "$server" 2>/dev/null || true
server=

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
