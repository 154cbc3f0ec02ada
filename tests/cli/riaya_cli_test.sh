#!/usr/bin/env bash
# The riaya command as an operator uses it: every verb's --help, migrate, demo (its story, once,
# not beside data of one's own), user add, user unlock (against a running server), audit verify,
# backup and restore on a fresh SQLite file (a restore is refused while a server runs), and clear
# refusals of bad arguments. And openapi:
# the document it prints is web/openapi.json, the one the web app's types are generated from.
# The account verbs (user unlock and user reset-password against a running server) run on a
# fresh SQLite file and, when RIAYA_TEST_POSTGRES is set (scripts/with-postgres), on a fresh
# database of that PostgreSQL server.
# Usage: riaya_cli_test.sh PATH/TO/riaya
set -euo pipefail
riaya=$(realpath "$1")
dir=$(mktemp -d)
server=
trap '{ [ -n "$server" ] && kill "$server" 2>/dev/null; } || true; rm -rf "$dir"' EXIT
db="sqlite:$dir/riaya.db"
# shellcheck source=tests/cli/checks.sh
. "$(dirname "$0")/checks.sh"
has() { grep -q -- "$1" "$dir/out"; }

for verb in serve migrate demo "user add" "user unlock" "user reset-password" "audit verify" anonymise backup \
  restore openapi export report import; do
  # shellcheck disable=SC2086
  check "help $verb" bash -c "'$riaya' $verb --help | grep -q Usage"
done
check migrate "$riaya" migrate --database "$db"
check "demo loads" bash -c "'$riaya' demo --database '$db' | grep -q 'Demo data of Boujdour loaded'"
# The article's story: two campaigns validated for the 8 demo institutions, their shortcomings,
# the meeting of 26 April 2019 with its 4 recommendations made actions of the programme
# 2019–2020 (with actions made from 16 shortcomings and 1 from equipment needs), 4 grants.
story() { sqlite3 "$dir/riaya.db" "$1"; }
check "demo: two closed campaigns" test "$(story "SELECT COUNT(*) FROM campaigns WHERE status = 'closed'")" = 2
check "demo: 16 validated assessments" \
  test "$(story "SELECT COUNT(*) FROM assessments WHERE status = 'validated' AND kind = 'official'")" = 16
check "demo: shortcomings raised, some verified" \
  test "$(story "SELECT COUNT(*) > 100 AND SUM(status = 'verified') > 0 FROM shortcomings")" = 1
check "demo: the meeting of 26 April 2019" \
  test "$(story "SELECT COUNT(*) FROM meetings WHERE held_on = '2019-04-26'")" = 1
check "demo: the programme 2019–2020" \
  test "$(story "SELECT COUNT(*) FROM programmes WHERE name_ar LIKE '%2019–2020%'")" = 1
check "demo: 21 actions, some done, some overdue" test "$(story "SELECT COUNT(*) || ' ' || (SUM(status = 'done') > 0)
  || ' ' || (SUM(status = 'ongoing' AND due_on < date('now')) > 0) FROM actions")" = "21 1 1"
check "demo: 4 grants of INDH and Entraide Nationale with funding lines" test "$(story "SELECT COUNT(*) || ' ' || \
  (SELECT COUNT(DISTINCT source) FROM grants) || ' ' || ((SELECT COUNT(*) FROM funding_lines) > 0) \
  FROM grants")" = "4 2 1"
# The individual register of the demo's Dar Taliba: its guardians' phones sealed under the key file
# that migrate made beside the database, which the server needs to start.
check "demo: a register of 80 pupils, phones sealed" \
  test "$(story "SELECT COUNT(*) || ' ' || SUM(guardian_phone LIKE 's1:%') FROM beneficiaries")" = "80 80"
check "the key file is the owner's only" test "$(stat -c %a "$dir/riaya.key")" = 600
check "anonymise --dry-run" \
  bash -c "'$riaya' anonymise --dry-run --years 5 --database '$db' | grep -q 'Dry run: .* would be anonymised'"
# An import of pupils (issue 16): a dry run lists the bad cells and writes nothing; the fixed file
# is imported whole, with a progress line, audited as one import.
registered=$(story "SELECT id FROM institutions WHERE keeps_register = 1 ORDER BY id LIMIT 1")
pupils=$(story "SELECT COUNT(*) FROM beneficiaries")
printf '%s\n' 'Nom complet en arabe;Sexe;Date de naissance;Date d’admission' 'أمين الراشدي;m;14/03/2008;2019-09-10' \
  'سلمى الوردي;x;2009-01-02;2019-09-10' >"$dir/pupils.csv"
refuse "import: a bad cell refuses the file" \
  "$riaya" import beneficiaries "$dir/pupils.csv" --institution "$registered" --dry-run --database "$db"
cp "$dir/out" "$dir/import-report"
check "... naming its row, column and value" grep -q "CSV row 3, column «Sexe» (x)" "$dir/import-report"
check "... and writes nothing" test "$(story "SELECT COUNT(*) FROM beneficiaries")" = "$pupils"
sed -i 's/;x;/;f;/' "$dir/pupils.csv"
check "import: the fixed file" \
  "$riaya" import beneficiaries "$dir/pupils.csv" --institution "$registered" --database "$db"
cp "$dir/out" "$dir/import-report"
check "... with a progress line" grep -q "row 2 of 2" "$dir/import-report"
check "... imports both rows" test "$(story "SELECT COUNT(*) FROM beneficiaries")" = "$((pupils + 2))"
check "... audited as one import" test "$(story "SELECT COUNT(*) FROM audit_log WHERE action = 'import'")" = 1
refuse "import: an unknown kind" "$riaya" import pupils "$dir/pupils.csv" --institution "$registered" --database "$db"
# Communes of a province: the kind asks for --province; a code already taken refuses the file.
province=$(story "SELECT id FROM territories WHERE code = 'MA-BOD'")
territories=$(story "SELECT COUNT(*) FROM territories")
printf 'Code;Nom en arabe;Nom en français\nBOD-05;جماعة جديدة;Nouvelle commune\nBOD-01;بوجدور;Boujdour\n' >"$dir/communes.csv"
refuse "import communes: without --province" "$riaya" import communes "$dir/communes.csv" --database "$db"
cp "$dir/out" "$dir/import-report"
check "... saying so" grep -q "needs --province" "$dir/import-report"
refuse "import communes: a code already taken" "$riaya" import communes "$dir/communes.csv" --province "$province" --database "$db"
cp "$dir/out" "$dir/import-report"
check "... naming its row and column" grep -q "CSV row 3, column «Code» (BOD-01)" "$dir/import-report"
check "... and writes nothing" test "$(story "SELECT COUNT(*) FROM territories")" = "$territories"
sed -i '/^BOD-01;/d' "$dir/communes.csv"
check "import communes: the fixed file" "$riaya" import communes "$dir/communes.csv" --province "$province" --database "$db"
check "... a commune of the province" \
  test "$(story "SELECT level || ' ' || parent_id FROM territories WHERE code = 'BOD-05'")" = "commune $province"
mv "$dir/riaya.key" "$dir/riaya.key.kept"
refuse "serve refuses to start without the key of its encrypted fields" \
  timeout 20 "$riaya" serve --database "$db" --listen 127.0.0.1:0
cp "$dir/out" "$dir/refusal"
check "... saying why" grep -q "encrypted fields" "$dir/refusal"
printf 'short' >"$dir/riaya.key"
refuse "serve refuses a key file of the wrong size" timeout 20 "$riaya" serve --database "$db" --listen 127.0.0.1:0
mv "$dir/riaya.key.kept" "$dir/riaya.key"
entries=$(story "SELECT COUNT(*) FROM audit_log")
check "demo is loaded once" bash -c "'$riaya' demo --database '$db' | grep -q 'already loaded: nothing loaded'"
check "a second demo run writes nothing" test "$(story "SELECT COUNT(*) FROM audit_log")" = "$entries"
check "the audit trail of the demo is whole" \
  bash -c "'$riaya' audit verify --database '$db' | grep -q 'Audit trail whole'"
# The registry alone, as the demo was before its story; the next run adds the story beside it.
registry="$dir/registry.db"
check "demo --registry-only" \
  bash -c "'$riaya' demo --registry-only --database 'sqlite:$registry' | grep -q 'the registry only'"
check "... loads no campaign" test "$(sqlite3 "$registry" "SELECT COUNT(*) FROM campaigns")" = 0
check "demo adds the story beside it" \
  bash -c "'$riaya' demo --database 'sqlite:$registry' | grep -q 'Demo story of Boujdour added'"
check "... the same story" \
  test "$(sqlite3 "$registry" "SELECT COUNT(*) FROM assessments WHERE status = 'validated'")" = 16
# A database with an association of its own gets no demo.
other="$dir/other.db"
check "migrate another database" "$riaya" migrate --database "sqlite:$other"
sqlite3 "$other" "INSERT INTO associations (name_ar, territory_id, search_key, version, created_at, updated_at)
  SELECT 'جمعية حقيقية', id, 'جمعيه حقيقيه', 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM territories
  WHERE code = 'BOD-01'"
check "demo refused beside an association of one's own" \
  bash -c "'$riaya' demo --database 'sqlite:$other' | grep -q 'not the demo.s.*demo data not loaded'"
check "... and nothing written" test "$(sqlite3 "$other" "SELECT COUNT(*) FROM institutions")" = 0
check "user add prints a one-time password" \
  bash -c "'$riaya' user add --database '$db' --username admin --role admin | grep -q 'One-time password: '"
check "user add --if-missing names the reset command" \
  bash -c "'$riaya' user add --database '$db' --username admin --role admin --if-missing \
    | grep -q 'already exists.*riaya user reset-password admin'"
refuse "user add twice" "$riaya" user add --database "$db" --username admin --role admin
refuse "unknown role" "$riaya" user add --database "$db" --username x --role emperor
refuse "unknown territory" "$riaya" user add --database "$db" --username x --role viewer --territory NOWHERE
refuse "short password" "$riaya" user add --database "$db" --username x --role viewer --password short
refuse "bad database URL" "$riaya" migrate --database "mysql://nope"
check "serve --help names the session's maximum age" bash -c "'$riaya' serve --help | grep -q -- '--session-max-age'"
refuse "session max age of 0 hours" timeout 10 "$riaya" serve --database "$db" --listen 127.0.0.1:0 --session-max-age 0

# user unlock: a name blocked by failed log-ins on a running server logs in once unlocked.
check "user add --password" \
  "$riaya" user add --database "$db" --username clerk --role viewer --password clerk-password-1
serve() {  # serve DATABASE WEB-ROOT: starts a server on a free port; sets $server and $port, logs to serve.log
  : >"$dir/serve.log"  # before the server opens it: the loop below reads it at once (set -e)
  "$riaya" serve --database "$1" --listen 127.0.0.1:0 --web-root "$2" >"$dir/serve.log" 2>&1 &
  server=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
}
serve "$db" "$dir"
login() {  # login NAME PASSWORD: prints the HTTP status of the log-in
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"username\": \"$1\", \"password\": \"$2\"}" "http://127.0.0.1:$port/api/session"
}
for _ in 1 2 3 4 5; do login clerk wrong-password >/dev/null; done
check "five failures block the name" test "$(login clerk clerk-password-1)" = 429
check "user unlock" \
  bash -c "'$riaya' user unlock --database '$db' clerk \
    | grep -q 'User clerk unlocked: failed log-ins forgotten from 1 address'"
check "the unlocked name logs in" test "$(login clerk clerk-password-1)" = 200
# The log: a line per request (route pattern, status, user, request id), never the query string
# (a search may hold a child's name), and a line for a refused write (who, route, code).
curl -s -c "$dir/cookies" -o "$dir/session.json" -H 'Content-Type: application/json' \
  -d '{"username": "clerk", "password": "clerk-password-1"}' "http://127.0.0.1:$port/api/session"
csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' "$dir/session.json")
clerk_id=$(sqlite3 "$dir/riaya.db" "SELECT id FROM users WHERE username = 'clerk'")
curl -s -b "$dir/cookies" -o /dev/null -H 'X-Request-Id: trace-42' \
  "http://127.0.0.1:$port/api/associations?q=Fatima-Zahra-Secret&page=1"
curl -s -b "$dir/cookies" -o /dev/null -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d '{"name": "Refused-Body-Value"}' "http://127.0.0.1:$port/api/associations"
curl -s -o /dev/null "http://127.0.0.1:$port/api/nowhere%0Aforged"
curl -s -o /dev/null -H 'X-Request-Id: forged line' "http://127.0.0.1:$port/healthz"
sleep 0.2
access='"msg":"access","request_id":"[0-9a-f]\{16\}"'  # an access line, with the id the server made
check "the log is JSON, a line an object" python3 -c \
  'import json, sys; assert all(isinstance(json.loads(line), dict) for line in open(sys.argv[1]))' "$dir/serve.log"
search_line="\"msg\":\"access\",\"request_id\":\"trace-42\",\"method\":\"GET\",\"route\":\"/api/associations\","
search_line+="\"status\":200,\"duration_ms\":[0-9.]*,\"user\":\"$clerk_id\"}"
check "the log has a line for the search, without its query string" grep -q "$search_line" "$dir/serve.log"
check "the log has a line for the refused write: who, route, code, request id" grep -q \
  "\"msg\":\"refused POST /api/associations user=$clerk_id code=forbidden\",\"request_id\":\"[0-9a-f]\{16\}\"}" \
  "$dir/serve.log"
check "the refused write's access line says 403" \
  grep -q "$access,\"method\":\"POST\",\"route\":\"/api/associations\",\"status\":403,.*\"user\":\"$clerk_id\"}" \
  "$dir/serve.log"
refuse "the log holds no query string" grep -q "Fatima-Zahra-Secret\|page=1" "$dir/serve.log"
refuse "the log holds no body" grep -q "Refused-Body-Value\|clerk-password-1" "$dir/serve.log"
check "a path no route has is logged as unmatched" \
  grep -q "$access,\"method\":\"GET\",\"route\":\"unmatched\",\"status\":404" "$dir/serve.log"
check "a request id that is not a plain token is replaced" \
  grep -q "$access,\"method\":\"GET\",\"route\":\"/healthz\",\"status\":200,.*\"user\":null}" "$dir/serve.log"
refuse "... neither it nor a decoded newline of a path is written" grep -q "forged" "$dir/serve.log"
check "user unlock of a name without failures" \
  bash -c "'$riaya' user unlock --database '$db' clerk | grep -q 'no failed log-in'"
refuse "user unlock of nobody" "$riaya" user unlock --database "$db" nobody-at-all
refuse "user unlock without a name" "$riaya" user unlock --database "$db"
check "the unlock is audited" \
  bash -c "sqlite3 '$dir/riaya.db' \"SELECT after_json FROM audit_log WHERE action = 'unlock'\" \
    | grep -q '\"addresses\":1'"
kill "$server"
wait "$server" 2>/dev/null || true
server=

# The account verbs on a fresh database of each backend (DATABASE, and a command that runs SQL on
# it): an operator unlocks a name blocked by failed log-ins, and gives a user who forgot their
# password a new one-time password; their sessions end with the old password.
account_verbs() {  # account_verbs LABEL DATABASE SQL-COMMAND...
  local label=$1 url=$2 otp
  shift 2
  check "$label: migrate" "$riaya" migrate --database "$url"
  check "$label: user add" \
    "$riaya" user add --database "$url" --username keeper --role viewer --password keeper-password-1
  serve "$url" "$dir"
  for _ in 1 2 3 4 5; do login keeper wrong-password >/dev/null; done
  check "$label: five failures block the name" test "$(login keeper keeper-password-1)" = 429
  check "$label: user unlock" bash -c "'$riaya' user unlock --database '$url' keeper | grep -q 'User keeper unlocked'"
  check "$label: the unlocked name logs in" test "$(login keeper keeper-password-1)" = 200
  curl -s -c "$dir/keeper.cookies" -o /dev/null -H 'Content-Type: application/json' \
    -d '{"username": "keeper", "password": "keeper-password-1"}' "http://127.0.0.1:$port/api/session"
  check "$label: a session before the reset" \
    test "$(curl -s -b "$dir/keeper.cookies" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/session")" = 200
  for _ in 1 2 3 4 5; do login keeper wrong-password >/dev/null; done
  check "$label: user reset-password prints a new one-time password" \
    bash -c "'$riaya' user reset-password --database '$url' keeper >'$dir/reset' \
      && grep -q 'One-time password: ' '$dir/reset'"
  otp=$(sed -n 's/^One-time password: \([^ ]*\).*/\1/p' "$dir/reset")
  check "$label: the old password no longer logs in" test "$(login keeper keeper-password-1)" = 401
  check "$label: the session opened before the reset has ended" \
    test "$(curl -s -b "$dir/keeper.cookies" -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/session")" = 401
  # The reset also forgot the five failures just made: the one-time password logs in at once,
  # into an account that must change it.
  check "$label: the one-time password logs in, to be changed" bash -c "curl -s -H 'Content-Type: application/json' \
    -d '{\"username\": \"keeper\", \"password\": \"$otp\"}' http://127.0.0.1:$port/api/session |
    grep -q '\"must_change_password\":true'"
  refuse "$label: user reset-password of nobody" "$riaya" user reset-password --database "$url" nobody-at-all
  cp "$dir/out" "$dir/refusal"
  check "$label: ... says there is no such user" grep -q "no user nobody-at-all" "$dir/refusal"
  refuse "$label: user reset-password without a name" "$riaya" user reset-password --database "$url"
  check "$label: the reset is audited" \
    test "$("$@" "SELECT COUNT(*) FROM audit_log WHERE action = 'reset_password'")" = 1
  check "$label: the unlock is audited" test "$("$@" "SELECT COUNT(*) FROM audit_log WHERE action = 'unlock'")" = 1
  check "$label: audit verify" "$riaya" audit verify --database "$url"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=
}
account_verbs sqlite "sqlite:$dir/accounts.db" sqlite3 "$dir/accounts.db"
if [ -n "${RIAYA_TEST_POSTGRES:-}" ]; then
  # A database of its own on that server: the API suite empties riaya_test.
  pg_name=riaya_cli_$$
  psql -q "$RIAYA_TEST_POSTGRES" -c "CREATE DATABASE $pg_name"
  pg_url="${RIAYA_TEST_POSTGRES%/*}/$pg_name"
  account_verbs postgres "$pg_url" psql -qtA "$pg_url" -c
else
  echo "postgres: account verbs not run (RIAYA_TEST_POSTGRES is not set; scripts/with-postgres sets it)"
fi

check backup "$riaya" backup --database "$db" --output "$dir/copy.db"
check "restore" "$riaya" restore --database "$db" --input "$dir/copy.db"
check "audit verify: whole" \
  bash -c "'$riaya' audit verify --database '$db' | grep -q 'Audit trail whole: [1-9][0-9]* entries'"
# Tampering straight in the file (sqlite3): the edited entry is named, exit status 3.
edited=$(sqlite3 "$dir/riaya.db" "SELECT id FROM audit_log WHERE seq = 2")
sqlite3 "$dir/riaya.db" "UPDATE audit_log SET address = '203.0.113.9' WHERE id = $edited"
set +e
"$riaya" audit verify --database "$db" >"$dir/out" 2>&1
status=$?
set -e
if [ "$status" -eq 3 ] && has "entry $edited edited"; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL audit verify names the edited entry (exit $status)"; cat "$dir/out"; fi
check "restore brings the whole chain back" "$riaya" restore --database "$db" --input "$dir/copy.db"
check "audit verify after restore" bash -c "'$riaya' audit verify --database '$db' | grep -q 'Audit trail whole'"
echo "not a database" >"$dir/junk.db"
refuse "restore of junk" "$riaya" restore --database "$db" --input "$dir/junk.db"
check "still usable after a refused restore" "$riaya" migrate --database "$db"

# A restore under a running server would pull the data from under its clients: refused until it stops.
serve "$db" "$dir/none"
refuse "restore while a server uses the database" "$riaya" restore --database "$db" --input "$dir/copy.db"
cp "$dir/out" "$dir/refusal"
check "the refusal says to stop the server first" grep -q "stop every .riaya serve" "$dir/refusal"
kill "$server"
wait "$server" || true
check "restore once the server has stopped" "$riaya" restore --database "$db" --input "$dir/copy.db"

# export: a list as a file for the whole country, its parameters as NAME=VALUE as the API takes them.
check "export institutions as CSV in French" "$riaya" export institutions --database "$db" --format csv --lang fr \
  --output "$dir/institutions.csv" status=active sort=code
check "the CSV's labels are the web app's French words" grep -q "^.*#,Code,Nom en arabe," "$dir/institutions.csv"
active=$(sqlite3 "$dir/riaya.db" "SELECT COUNT(*) FROM institutions WHERE status = 'active' AND archived_at IS NULL")
check "one line per active institution, and the labels" test "$(wc -l <"$dir/institutions.csv")" -eq $((active + 1))
check "export as XLSX under the server's file name" \
  bash -c "cd '$dir' && '$riaya' export staff --database '$db' | grep -q 'Written: staff-.*\.xlsx' \
    && [ \"\$(head -c 2 staff-*.xlsx)\" = PK ]"
refuse "export refuses a list parameter it does not know" "$riaya" export institutions --database "$db" colour=red
cp "$dir/out" "$dir/refusal"
check "and names it" grep -q '"colour"' "$dir/refusal"
refuse "export refuses a list that does not exist" "$riaya" export nothing --database "$db"

# export dhis2: the DHIS2 data value set of a territory and year; nothing while it is unmapped.
refuse "export dhis2 refuses while unmapped" \
  "$riaya" export dhis2 --period 2019 --database "$db" --output "$dir/none.json"
cp "$dir/out" "$dir/refusal"
check "... listing what is missing" grep -q 'missing: {"what":"data_set"}' "$dir/refusal"
check "... and writing nothing" test ! -e "$dir/none.json"
province=$(sqlite3 "$dir/riaya.db" "SELECT id FROM territories WHERE code = 'MA-BOD'")
country=$(sqlite3 "$dir/riaya.db" "SELECT id FROM territories WHERE code = 'MA'")
# The admin's mapping, as the web page writes it (PUT /api/dhis2/mapping is tested in tests/api).
sqlite3 "$dir/riaya.db" "UPDATE dhis2_mapping SET data_set_uid = 'RiayaDSet01';
  INSERT INTO dhis2_org_units VALUES ($country, 'MarocPays01'), ($province, 'OuBojdr0001');
  INSERT INTO dhis2_data_elements VALUES ('institutions', 'RiayaInst01', 'HllvX50cXC0'),
    ('occupancy_rate', 'RiayaOccu01', 'HllvX50cXC0');"
check "export dhis2 of the country under the server's file name" bash -c \
  "cd '$dir' && '$riaya' export dhis2 --period 2019 --database '$db' | grep -q 'Written: dhis2-2019-MarocPays01.json'"
check "... DHIS2's dataValueSets JSON" python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert sorted(s) == ['dataSet', 'dataValues', 'orgUnit', 'period'], s
assert (s['dataSet'], s['period'], s['orgUnit']) == ('RiayaDSet01', '2019', 'MarocPays01'), s
assert [v['dataElement'] for v in s['dataValues']] == ['RiayaInst01', 'RiayaOccu01'], s
assert all(sorted(v) == ['categoryOptionCombo', 'dataElement', 'orgUnit', 'period', 'value'] for v in s['dataValues'])
assert s['dataValues'][0]['value'] == sys.argv[2], s
" "$dir/dhis2-2019-MarocPays01.json" \
  "$(sqlite3 "$dir/riaya.db" "SELECT COUNT(*) FROM institutions WHERE archived_at IS NULL")"
check "export dhis2 of the province as CSV" "$riaya" export dhis2 --period 2019 --territory "$province" --format csv \
  --database "$db" --output "$dir/boujdour.csv"
check "... DHIS2's CSV columns" \
  test "$(head -1 "$dir/boujdour.csv")" = $'dataelement,period,orgunit,catoptcombo,attroptcombo,value\r'
check "... a line per value" grep -q '^RiayaOccu01,2019,OuBojdr0001,HllvX50cXC0,,[0-9.]*' "$dir/boujdour.csv"
refuse "export dhis2 refuses a monthly period" "$riaya" export dhis2 --period 201904 --database "$db"
cp "$dir/out" "$dir/refusal"
check "... naming it" grep -q '"period"' "$dir/refusal"
refuse "export of a list refuses --period" "$riaya" export institutions --period 2019 --database "$db"

# report: an official document as a PDF, for the whole country, as its route answers it.
campaign_2018=$(story "SELECT id FROM campaigns WHERE starts_on LIKE '2018%'")
campaign_2019=$(story "SELECT id FROM campaigns WHERE starts_on LIKE '2019%'")
check "report: the synthesis of September 2018 in Arabic" "$riaya" report synthesis --id "$campaign_2018" --lang ar \
  --database "$db" --output "$dir/synthesis.pdf"
check "its text names the month as Morocco does" bash -c "pdftotext '$dir/synthesis.pdf' - | grep -q 'شتنبر'"
check "report: the card of an institution under the server's file name" bash -c "cd '$dir' && '$riaya' report card \
  --id \$(sqlite3 '$dir/riaya.db' \"SELECT id FROM institutions WHERE code = 'DEMO-BOD-001'\") --lang fr \
  --database '$db' | grep -q 'Written: fiche-technique-DEMO-BOD-001.pdf' \
  && [ \"\$(head -c 5 fiche-technique-DEMO-BOD-001.pdf)\" = %PDF- ]"
check "report: the comparison of the two campaigns" "$riaya" report comparison --id "$campaign_2018" \
  --id2 "$campaign_2019" --database "$db" --output "$dir/comparison.pdf"
refuse "report refuses a comparison without --id2" "$riaya" report comparison --id "$campaign_2018" --database "$db"
refuse "report refuses an institution that does not exist" "$riaya" report card --id 999999 --database "$db"
refuse "report refuses a language other than ar or fr" "$riaya" report card --id 1 --lang xx --database "$db"

# --config: a file of RIAYA_*=value lines; an unknown key, a bad value or a line that is not
# KEY=value stops riaya before it does anything, naming the file's line; the environment wins.
conf="$dir/riaya.conf"
printf '# a comment\n\nRIAYA_DATABASE = "sqlite:%s/from-config.db"\nRIAYA_LOG_FORMAT=text\n' "$dir" >"$conf"
check "migrate reads the database from --config" \
  bash -c "'$riaya' --config '$conf' migrate && [ -s '$dir/from-config.db' ]"
check "... and RIAYA_CONFIG names the file too" \
  bash -c "RIAYA_CONFIG='$conf' '$riaya' audit verify | grep -q 'Audit trail whole'"
bad_config() {  # bad_config NAME LINE EXPECTED: a file whose 3rd line is LINE is refused, saying EXPECTED
  printf '# riaya.conf\nRIAYA_LOG_LEVEL=warn\n%s\n' "$2" >"$dir/bad.conf"
  refuse "$1" timeout 10 "$riaya" serve --config "$dir/bad.conf" --database "sqlite:$dir/never.db" --listen 127.0.0.1:0
  cp "$dir/out" "$dir/refusal"
  check "... naming the line" grep -qF "bad.conf:3: $3" "$dir/refusal"
}
bad_config "an unknown key stops serve" "RIAYA_WOKRERS=4" "unknown setting RIAYA_WOKRERS"
bad_config "a bad value stops serve" "RIAYA_WORKERS=0" "bad value for RIAYA_WORKERS"
bad_config "a word for a number stops serve" "RIAYA_SESSION_MAX_AGE=twelve" "bad value for RIAYA_SESSION_MAX_AGE"
bad_config "an unknown log format stops serve" "RIAYA_LOG_FORMAT=yaml" "bad value for RIAYA_LOG_FORMAT"
bad_config "a key given twice stops serve" "RIAYA_LOG_LEVEL=error" "RIAYA_LOG_LEVEL is set twice"
bad_config "a bad address stops serve" "RIAYA_LISTEN=localhost" "bad value for RIAYA_LISTEN"
bad_config "a line that is not KEY=value stops serve" "workers 4" "expected KEY=value"
check "... and nothing was made" test ! -e "$dir/never.db"
refuse "a missing configuration file stops riaya" "$riaya" --config "$dir/none.conf" migrate
config_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'RIAYA_DATABASE=%s\nRIAYA_LISTEN=127.0.0.1:%s\nRIAYA_WEB_ROOT=%s\nRIAYA_LOG_FORMAT=json\nRIAYA_WORKERS=2\n' \
  "$db" "$config_port" "$dir" >"$conf"
RIAYA_LOG_FORMAT=text "$riaya" serve --config "$conf" >"$dir/config-serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$config_port/readyz" && break; sleep 0.1; done
check "serve --config listens where the file says" curl -fs "http://127.0.0.1:$config_port/readyz"
check "... and the environment wins over the file (text log)" \
  grep -q " info access GET /readyz 200 " "$dir/config-serve.log"
kill "$server"
wait "$server" 2>/dev/null || true
server=

# The web app is typed against the API the server publishes: a change of a record's schema must
# come with its regenerated types (cd web && npm run api-types), or this fails.
web_document="$(dirname "$0")/../../web/openapi.json"
check "openapi prints a document without a database" \
  bash -c "'$riaya' openapi --database 'sqlite:$dir/never/made.db' | grep -q '\"openapi\": \"3.0.3\"' \
    && [ ! -e '$dir/never' ]"
check "web/openapi.json is what riaya openapi prints (else: cd web && npm run api-types)" \
  bash -c "'$riaya' openapi | diff -u '$web_document' - >&2"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
