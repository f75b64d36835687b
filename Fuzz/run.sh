#!/usr/bin/env bash
# Builds talabati's libFuzzer targets and runs each for a bounded time; exits non-zero on the
# first crash (its input is kept in .build-fuzz/artifacts/ and printed as base64 for a
# regression test).
#
#   Fuzz/run.sh [seconds-per-target] [target…]     (default 60 s; targets: see TARGETS below)
#
# How it builds: SwiftPM compiles the library modules once with coverage instrumentation
# (-sanitize=fuzzer) and AddressSanitizer into .build-fuzz (no executable is linked there),
# then swiftc links each Fuzz/<target>.swift entry point (LLVMFuzzerTestOneInput) against those
# objects with -sanitize=fuzzer,address. Corpora live in .build-fuzz/corpus/<target> (seeded
# from the shipped themes and docs/examples on first run), out of git.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  TARGETS=(keys text interchange theme strings)
  [ -d Sources/TalabatiCSV ] && [ -f Fuzz/csv.swift ] && TARGETS+=(csv)
fi
SCRATCH=${FUZZ_SCRATCH:-$ROOT/.build-fuzz}
OUT=$SCRATCH/fuzzers
CORPUS=$SCRATCH/corpus
ARTIFACTS=$SCRATCH/artifacts

# 1. Instrumented library objects (only the modules the chosen targets need).
COVERAGE=edge,trace-cmp,inline-8bit-counters,pc-table
SAN=(-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=$COVERAGE -Xcc -fsanitize=address)
# SwiftPM does not rebuild when only -Xswiftc flags change: a stamp keeps the scratch honest.
STAMP=$SCRATCH/.fuzz-flags
if [ -d "$SCRATCH" ] && [ "$(cat "$STAMP" 2>/dev/null)" != "${SAN[*]}" ]; then
  rm -rf "$SCRATCH"
fi
mkdir -p "$OUT"
echo "${SAN[*]}" > "$STAMP"
module_of() {
  case $1 in
    keys) echo TalabatiTerminal ;; theme) echo TalabatiUI ;; text | strings) echo TalabatiText ;;
    interchange) echo TalabatiInterchange ;; csv) echo TalabatiCSV ;; *) echo "" ;;
  esac
}
for module in $(for t in "${TARGETS[@]}"; do module_of "$t"; done | sort -u); do
  echo "== building $module (instrumented)"
  swift build --scratch-path "$SCRATCH" --target "$module" "${SAN[@]}" > "$SCRATCH.log" 2>&1 || {
    grep -E "error" "$SCRATCH.log" | head -20 >&2
    echo "fuzz: building $module failed (see $SCRATCH.log)" >&2
    exit 1
  }
done
BIN=$(swift build --scratch-path "$SCRATCH" --show-bin-path)
[ -d "$BIN/Modules" ] || { echo "fuzz: no modules in $BIN" >&2; exit 1; }

objects() {  # objects of the named SwiftPM targets
  for t in "$@"; do find "$BIN/$t.build" -name '*.o' 2>/dev/null; done
}

link() {  # link <name> <targets…>
  local name=$1; shift
  local extra=()
  for mm in "$BIN"/*.build/module.modulemap; do extra+=(-Xcc -fmodule-map-file="$mm"); done
  # shellcheck disable=SC2046
  swiftc -sanitize=fuzzer,address -parse-as-library -g -Onone \
    -I "$BIN/Modules" -I "$ROOT/Sources/CFriBidi" -I "$ROOT/Sources/CNcursesw" \
    -I "$ROOT/Sources/CSystemShims/include" "${extra[@]}" \
    "Fuzz/$name.swift" $(objects "$@") \
    -lfribidi -lncursesw -ltinfo -lstdc++ -o "$OUT/fuzz-$name" 2> "$OUT/$name.link.log" || {
      grep -E "error" "$OUT/$name.link.log" | head -20 >&2
      echo "fuzz: linking $name failed (see $OUT/$name.link.log)" >&2
      return 1
    }
}

seed() {  # seed <name> <files…>: copy example inputs into the corpus once
  local dir=$CORPUS/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/" 2>/dev/null || true; done
}

TEXT_DEPS=(TalabatiText CSystemShims)
UI_DEPS=(TalabatiUI TalabatiTheme TalabatiDomain "${TEXT_DEPS[@]}" TOMLKit CTOML)
failed=0
for t in "${TARGETS[@]}"; do
  case $t in
    keys) link keys TalabatiTerminal "${UI_DEPS[@]}" ;;
    text) link text "${TEXT_DEPS[@]}" ;;
    interchange) link interchange TalabatiInterchange TalabatiDomain; seed interchange docs/examples/*.json ;;
    theme) link theme "${UI_DEPS[@]}"; seed theme themes/*.toml ;;
    strings) link strings "${TEXT_DEPS[@]}" ;;
    csv) link csv TalabatiCSV ;;
    *) echo "fuzz: unknown target $t" >&2; exit 2 ;;
  esac
  mkdir -p "$CORPUS/$t" "$ARTIFACTS"
  echo "== fuzz-$t for ${SECONDS_EACH}s"
  if ! ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$OUT/fuzz-$t" \
      -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$ARTIFACTS/$t-" "$CORPUS/$t" > "$OUT/$t.log" 2>&1; then
    echo "fuzz-$t FAILED:" >&2
    grep -E "Fatal error|precondition|ERROR:|Test unit written|Base64" "$OUT/$t.log" | head -10 >&2
    failed=1
  else
    grep -E "stat::number_of_executed_units|cov:" "$OUT/$t.log" | tail -2
  fi
done
exit $failed
