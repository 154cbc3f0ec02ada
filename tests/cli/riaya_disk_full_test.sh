#!/usr/bin/env bash
# A full disk, as a user and an operator meet it: the server's SQLite database on a small tmpfs,
# filled to the last byte. Writes answer 507 `disk_full` with a message in the caller's language
# (and no field); reads and log-ins keep working; /readyz answers 503 with the reason; once the
# space is freed, writes succeed again, and after a restart every acknowledged write is there.
# Needs to mount a tmpfs (root): where that is refused it says so and exits 77 (ctest: skipped).
# Usage: riaya_disk_full_test.sh PATH/TO/riaya
set -euo pipefail
riaya=$(realpath "$1")
dir=$(mktemp -d)
disk="$dir/disk"
mkdir "$disk"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  umount "$disk" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
if ! mount -t tmpfs -o size=48m tmpfs "$disk" 2>"$dir/mount.err"; then
  echo "SKIPPED: the disk-full test needs to mount a small tmpfs and cannot here ($(cat "$dir/mount.err"))." \
    "It did not run."
  exit 77
fi

db="sqlite:$disk/riaya.db"
passed=0 failed=0
expect() {  # expect NAME CONDITION-COMMAND...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name"; fi
}

"$riaya" demo --database "$db" >/dev/null
"$riaya" user add --database "$db" --username clerk --role division --territory MA-BOD --password clerk-password-1 \
  >/dev/null
"$riaya" user add --database "$db" --username clerc --role division --territory MA-BOD --password clerk-password-1 \
  --language fr >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
start_server() {
  "$riaya" serve --database "$db" --listen "127.0.0.1:$port" --web-root "$dir/none" >>"$dir/server.log" 2>&1 &
  server=$!
  # Started once /readyz answers other than "starting" (a full disk at the start is a 503 too).
  local ready
  for _ in $(seq 100); do
    ready=$(curl -s "$base/readyz" || true)
    [ -n "$ready" ] && [[ "$ready" != *starting* ]] && return 0
    sleep 0.1
  done
  echo "the server did not start:"; cat "$dir/server.log"; exit 1
}
stop_server() { kill "$server"; wait "$server" || true; server=""; }
log_in() {  # [USER] prints the HTTP status; leaves the cookie in $dir/cookies and the CSRF token in $dir/csrf
  local status
  status=$(curl -s -c "$dir/cookies" -o "$dir/session.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"username\":\"${1:-clerk}\",\"password\":\"clerk-password-1\"}" "$base/api/session")
  if [ "$status" = 200 ]; then
    python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$dir/session.json" >"$dir/csrf"
  fi
  echo "$status"
}
territory=3  # the province of Boujdour, the clerk's scope
: >"$dir/acknowledged"
acknowledged() { wc -l <"$dir/acknowledged"; }
padding=$(printf 'x%.0s' {1..200})
add_association() {  # prints the HTTP status; the answer is in $dir/answer.json
  local status body
  body="{\"name_ar\":\"جمعية القرص $(acknowledged)-$RANDOM\",\"territory_id\":$territory,\"address\":\"$padding\"}"
  status=$(curl -s -b "$dir/cookies" -o "$dir/answer.json" -w '%{http_code}' -H "X-CSRF-Token: $(cat "$dir/csrf")" \
    -H 'Content-Type: application/json' -d "$body" "$base/api/associations")
  if [ "$status" = 201 ]; then echo >>"$dir/acknowledged"; fi
  echo "$status"
}
total_associations() {
  curl -fs -b "$dir/cookies" "$base/api/associations?page_size=1" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["total"])'
}
answer() {
  python3 -c 'import json, sys
e = json.load(open(sys.argv[1]))["error"]
print(e["code"], "field" in e, e["message"])' "$dir/answer.json"
}

start_server
[ "$(log_in)" = 200 ] || { echo "the first log-in failed"; exit 1; }
before=$(total_associations)
expect "a write on a disk with room" [ "$(add_association)" = 201 ]
expect "ready with room" [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ]
expect "the server keeps a reserve beside the database" test -f "$disk/riaya.db.reserve"

# Fill the disk to the last byte, then write until the database needs a page more than it has.
dd if=/dev/zero of="$disk/fill" bs=1M status=none 2>/dev/null || true
dd if=/dev/zero of="$disk/fill2" bs=4k status=none 2>/dev/null || true
status=201
for _ in $(seq 2000); do
  status=$(add_association)
  [ "$status" = 201 ] || break
done
expect "a write on a full disk answers 507 (got $status)" [ "$status" = 507 ]
expect "the answer says disk_full, with no field ($(answer))" [ "$(answer | cut -d' ' -f1-2)" = "disk_full False" ]
expect "the message asks to free space, in Arabic" grep -q 'تحرير مساحة' "$dir/answer.json"
expect "a log-in still works" [ "$(log_in clerc)" = 200 ]
expect "a French user's write answers 507 too" [ "$(add_association)" = 507 ]
expect "the message asks to free space, in French" grep -q "libérer de l'espace" "$dir/answer.json"
expect "a read still works" \
  [ "$(curl -s -b "$dir/cookies" -o /dev/null -w '%{http_code}' "$base/api/institutions?page_size=5")" = 200 ]
expect "another log-in works" [ "$(log_in)" = 200 ]
expect "a read after that log-in works" [ "$(total_associations)" = $((before + $(acknowledged))) ]
readyz=$(curl -s -w ' %{http_code}' "$base/readyz")
expect "/readyz reports the full disk ($readyz)" bash -c "[[ '$readyz' == *'disk full'*' 503' ]]"
expect "still refused while the disk is full" [ "$(add_association)" = 507 ]

rm -f "$disk/fill" "$disk/fill2"
expect "a write succeeds once space is freed" [ "$(add_association)" = 201 ]
expect "ready again" [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz")" = 200 ]
expect "the reserve is back" test -f "$disk/riaya.db.reserve"
expect "the WAL was checkpointed" [ "$(stat -c %s "$disk/riaya.db-wal")" -lt $((4 << 20)) ]

stop_server
start_server
log_in >/dev/null
expect "after a restart, every acknowledged write is there ($(acknowledged))" \
  [ "$(total_associations)" = $((before + $(acknowledged))) ]
stop_server

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || { echo "server log:"; cat "$dir/server.log"; exit 1; }
