# The checks the command-line tests share, sourced after they set $dir (a scratch folder):
# each check's output goes to $dir/out, shown when it fails; $passed and $failed count them.
# shellcheck shell=bash disable=SC2154  # $dir is set by the test that sources this file
passed=0 failed=0

check() {  # check NAME COMMAND... : the command must succeed
  local name=$1; shift
  if "$@" >"$dir/out" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $name"; cat "$dir/out"
  fi
}
refuse() {  # refuse NAME COMMAND... : the command must fail
  local name=$1; shift
  if "$@" >"$dir/out" 2>&1; then
    failed=$((failed + 1)); echo "FAIL (accepted) $name"; cat "$dir/out"
  else
    passed=$((passed + 1))
  fi
}
