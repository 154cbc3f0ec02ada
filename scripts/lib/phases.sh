# shellcheck shell=bash
# Progress lines and phase times for the scripts of scripts/ and bench/ (sourced, not run).
#   phase LABEL WHAT…    ends the phase before, prints "== WHAT…" and starts timing LABEL
#   phase_end            ends the current phase (phase_summary does it too)
#   phase_summary        prints how long each phase took, in the outermost script only (call it
#                        last: it ends the list)
#   quietly LOG CMD…     runs CMD with its output appended to LOG; on failure prints LOG's last
#                        40 lines and where LOG is, and returns CMD's status
#   on_exit COMMAND      runs COMMAND when the script exits, however (the one EXIT trap: do not
#                        set another)
# Scripts called by another (scripts/run → scripts/bootstrap, scripts/build) add their phases
# to the caller's list through RIAYA_PHASES, so the caller's summary holds them all.

exit_actions=()
on_exit() { exit_actions+=("$1"); }
run_exit_actions() {
  local action
  for action in "${exit_actions[@]}"; do eval "$action" || true; done
}
trap run_exit_actions EXIT
trap 'exit 130' INT  # Ctrl-C: exit through the EXIT trap
trap 'exit 143' TERM

if [ -z "${RIAYA_PHASES:-}" ]; then
  RIAYA_PHASES=$(mktemp /tmp/riaya-phases.XXXXXX)
  export RIAYA_PHASES
  phases_owner=1
  # shellcheck disable=SC2016  # expanded when the script exits
  on_exit '[ -z "${RIAYA_PHASES:-}" ] || rm -f "$RIAYA_PHASES"'
else
  phases_owner=0
fi
phase_label=
phase_start=0

phase() {  # LABEL WHAT…
  phase_end
  phase_label=$1
  shift
  phase_start=$SECONDS
  echo "== $*"
}

phase_end() {
  if [ -n "$phase_label" ]; then
    printf '%s\t%s\n' "$phase_label" $((SECONDS - phase_start)) >>"$RIAYA_PHASES"
    phase_label=
  fi
}

phase_summary() {
  phase_end
  [ "$phases_owner" -eq 1 ] || return 0
  local label seconds total=0
  if [ -s "$RIAYA_PHASES" ]; then
    echo "== times"
    while IFS=$'\t' read -r label seconds; do
      printf '   %-34s %3dm%02ds\n' "$label" $((seconds / 60)) $((seconds % 60))
      total=$((total + seconds))
    done <"$RIAYA_PHASES"
    printf '   %-34s %3dm%02ds\n' total $((total / 60)) $((total % 60))
  fi
  rm -f "$RIAYA_PHASES"
  unset RIAYA_PHASES
}

quietly() {  # LOG CMD…
  local log=$1 status=0
  shift
  mkdir -p "$(dirname "$log")"
  printf '\n$ %s\n' "$*" >>"$log"
  "$@" >>"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "-- the last lines of $log:" >&2
    tail -n 40 "$log" >&2
    echo "-- failed (exit $status); the whole output is in $log" >&2
  fi
  return "$status"
}
