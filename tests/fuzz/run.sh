#!/usr/bin/env bash
# Builds the libFuzzer targets of the import readers (csv_reader_fuzz, xlsx_reader_fuzz) with
# clang 16 (Debian's clang-16 and libclang-rt-16-dev, from scripts/bootstrap test), AddressSanitizer
# and UBSan, in OUT_DIR, and runs each for SECONDS (default 30) on a copy of its seed corpus
# (tests/fuzz/corpus/<target>/). Fails when a fuzzer finds a crash: its input is left in
# OUT_DIR/<target>-crash-*, to add to the corpus as a regression once fixed.
#   tests/fuzz/run.sh OUT_DIR [SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "${1:?tests/fuzz/run.sh OUT_DIR [SECONDS]}"
out=$(cd "$1" && pwd)
seconds=${2:-30}
cxx=${RIAYA_FUZZ_CXX:-clang++-16}
if ! command -v "$cxx" >/dev/null; then
  echo "tests/fuzz/run.sh: $cxx is missing (scripts/bootstrap test installs clang-16 and libclang-rt-16-dev)" >&2
  exit 1
fi
# libstdc++ 12's <expected> asks for concepts as C++20 published them, which clang 16 implements
# but does not announce (__cpp_concepts 201907).
# shellcheck disable=SC2054 # the commas belong to -fsanitize's list
flags=(-std=c++2b -U__cpp_concepts -D__cpp_concepts=202002L -Wno-builtin-macro-redefined -O1 -g
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I "$root/src")
read -r -a packages <<<"$(pkg-config --cflags --libs icu-uc icu-i18n libzip expat)"
sources=("$root/src/io/xlsx_reader.cpp" "$root/src/io/csv_reader.cpp" "$root/src/io/row_source.cpp"
  "$root/src/domain/language.cpp" "$root/src/domain/search_key.cpp")
status=0
for target in csv_reader_fuzz xlsx_reader_fuzz; do
  binary="$out/$target"
  if [ ! -e "$binary" ] || [ -n "$(find "$here/$target.cpp" "${sources[@]}" "$root/src/io" "$root/src/domain" \
    -name '*.?pp' -newer "$binary" -print -quit)" ]; then
    "$cxx" "${flags[@]}" "$here/$target.cpp" "${sources[@]}" "${packages[@]}" -o "$binary"
  fi
  corpus="$out/$target-corpus"
  rm -rf "$corpus"
  mkdir -p "$corpus"
  cp "$here/corpus/$target"/* "$corpus/"
  echo "== $target: ${seconds} s from $(find "$corpus" -type f | wc -l) seeds"
  if ! (cd "$out" && UBSAN_OPTIONS=print_stacktrace=1 "$binary" -max_total_time="$seconds" -max_len=65536 \
    -rss_limit_mb=1024 -artifact_prefix="$out/$target-" -print_final_stats=1 "$corpus" 2>"$out/$target.log"); then
    tail -40 "$out/$target.log" >&2
    status=1
  else
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)" "$out/$target.log" || true
  fi
done
exit $status
