#!/usr/bin/env bash
# scripts/bootstrap's package selection, without installing anything (--print): running needs no
# PostgreSQL server, browser, nginx, wrk, style checker or test library; testing adds them to
# everything running needs; scripts/run asks for the run part and the test and bench commands
# for the test part. --print calls neither apt-get nor sudo. And, where it may mount (root), an
# install played with a fake apt-get: what it does with services, its log and its failures.
# Usage: bootstrap_test.sh (from anywhere)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# shellcheck source=tests/cli/checks.sh
. "$(dirname "$0")/checks.sh"

# apt-get and sudo that leave a mark: --print must call neither.
mkdir "$dir/bin"
for tool in apt-get sudo; do
  printf '#!/bin/sh\ntouch %s/called-%s\nexit 1\n' "$dir" "$tool" >"$dir/bin/$tool"
  chmod +x "$dir/bin/$tool"
done
PATH="$dir/bin:$PATH" "$root/scripts/bootstrap" --print run >"$dir/run"
PATH="$dir/bin:$PATH" "$root/scripts/bootstrap" --print test >"$dir/test"
PATH="$dir/bin:$PATH" "$root/scripts/bootstrap" test --print >"$dir/test-after"
check "--print calls neither apt-get nor sudo" test -z "$(compgen -G "$dir/called-*" || true)"
check "the part may follow --print" cmp "$dir/test" "$dir/test-after"
refuse "an unknown part is refused" "$root/scripts/bootstrap" --print everything

for p in g++ cmake ninja-build libsoci-dev libpq-dev libpango1.0-dev fonts-hosny-amiri nodejs npm; do
  check "running needs $p" grep -qx -- "$p" "$dir/run"
done
for p in postgresql-15 chromium nginx-light wrk clang-format clang-tidy-16 poppler-utils libgtest-dev clang-16 \
  libclang-rt-16-dev; do
  refuse "running does without $p" grep -qx -- "$p" "$dir/run"
  check "testing adds $p" grep -qx -- "$p" "$dir/test"
done
check "testing has everything running needs" test -z "$(sort "$dir/run" | comm -23 - <(sort "$dir/test"))"
check "no package twice" test -z "$(sort "$dir/test" | uniq -d)"

# Which part for which command.
check "scripts/run installs the run part" grep -qx 'scripts/bootstrap run' "$root/scripts/run"
check "scripts/run builds without tests" grep -qx 'scripts/build run' "$root/scripts/run"
check "scripts/test installs the test part" grep -qx 'scripts/bootstrap test' "$root/scripts/test"
check "scripts/test builds everything" grep -qx 'scripts/build test' "$root/scripts/test"
check "bench/run installs the test part" grep -qx '  scripts/bootstrap test' "$root/bench/run"

# An install, played with a fake apt-get, dpkg-query and systemctl in a private mount namespace
# (an empty /usr/sbin and var/ over the real ones): no package may start a service while it
# installs (policy-rc.d exits 101), the services it enabled are disabled after, apt's output
# goes to var/bootstrap.log, a failure shows the log's end, and policy-rc.d goes away either way.
if [ "$(id -u)" -eq 0 ] && unshare -m --propagation private true 2>/dev/null; then
  mkdir -p "$dir/sbin" "$dir/var" "$root/var"
  cat >"$dir/bin/dpkg-query" <<'FAKE'
#!/bin/sh
exit 1
FAKE
  cat >"$dir/bin/apt-get" <<FAKE
#!/bin/sh
echo "apt noise: \$*"
[ "\$1" = install ] || exit 0
echo "\$*" >"$dir/installing"
[ -x /usr/sbin/policy-rc.d ] && { /usr/sbin/policy-rc.d nginx start; echo \$? >"$dir/policy-status"; }
[ -e "$dir/fail" ] && { echo "E: simulated failure"; exit 100; }
touch "$dir/installed"
FAKE
  cat >"$dir/bin/systemctl" <<FAKE
#!/bin/sh
case "\$1" in
  list-unit-files)
    echo "existing.service enabled enabled"
    [ -e "$dir/installed" ] && printf 'nginx.service enabled enabled\npostgresql.service enabled enabled\n'
    ;;
  disable) echo "\$*" >>"$dir/disabled" ;;
esac
exit 0
FAKE
  chmod +x "$dir/bin/"*
  play() {  # play: scripts/bootstrap test in the namespace; its output in $dir/played
    # shellcheck disable=SC2016  # expanded by the inner bash
    unshare -m --propagation private bash -c 'mount --bind "$1/sbin" /usr/sbin && mount --bind "$1/var" "$2/var" &&
      PATH="$1/bin:$PATH" "$2/scripts/bootstrap" test' play "$dir" "$root" >"$dir/played" 2>&1
  }
  check "an install succeeds" play
  check "... installs the test part's packages" grep -q "postgresql-15.*nginx-light" "$dir/installing"
  check "... while policy-rc.d forbids starting services (exit 101)" grep -qx 101 "$dir/policy-status"
  check "... and removes policy-rc.d after" test ! -e "$dir/sbin/policy-rc.d"
  check "... disables the services the install enabled" grep -q "nginx.service" "$dir/disabled"
  check "... both of them" grep -q "postgresql.service" "$dir/disabled"
  refuse "... and no other" grep -q "existing.service" "$dir/disabled"
  check "... and says so" grep -q "nginx.service: enabled by the install, disabled" "$dir/played"
  check "... says what it installs" grep -q "== installing .* Debian packages" "$dir/played"
  refuse "... without apt's output" grep -q "apt noise" "$dir/played"
  check "apt's output is in var/bootstrap.log" grep -q "apt noise: install" "$dir/var/bootstrap.log"
  rm -f "$dir/installed" "$dir/disabled" "$dir/policy-status"
  touch "$dir/fail"
  refuse "a failed install fails" play
  check "... and shows the log's last lines" grep -q "E: simulated failure" "$dir/played"
  check "... and where the log is" grep -q "var/bootstrap.log" "$dir/played"
  check "... policy-rc.d removed on failure too" test ! -e "$dir/sbin/policy-rc.d"
  rm -f "$dir/fail"
  printf '#!/bin/sh\n# the machine'"'"'s own\nexit 101\n' >"$dir/sbin/policy-rc.d"
  chmod +x "$dir/sbin/policy-rc.d"
  check "an install with a policy-rc.d already there" play
  check "... leaves that one alone" grep -q "the machine's own" "$dir/sbin/policy-rc.d"
else
  echo "install played: not run (needs root and unshare -m for a private /usr/sbin)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
