#!/usr/bin/env bash
# OptOut's test command: every tier, from a fresh machine.
#   1. installs Chromium, chromium-driver and Firefox ESR from the system packages when missing,
#      and the npm packages of tests/;
#   2. checks the sources: cargo fmt, cargo clippy (warnings are errors), ESLint;
#   3. builds the extension (./build.sh installs the rest of the toolchain);
#   4. runs the core's native tests (cargo test), the build's tests (tests/build/), the end-to-end suites
#      in real Chromium and real Firefox ESR (tests/e2e/), and web-ext lint.
# The fixture server listens on port 443 (Firefox has no port mapping), so run it as root.
#
# How a tier is judged: by its process's exit status first. cargo test and node --test count their own
# tests (their counts are added up); fmt, clippy, ESLint and web-ext lint count as one test each. A tier
# whose process exits non-zero counts at least one failure whatever it printed, and one that prints no
# count at all (it crashed before its summary) counts one failure too.
# Its last line is "N passed, N failed"; its exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" || exit 1
fi
for package in playwright-core puppeteer-core web-ext eslint @eslint/js globals axe-core; do
  if [ ! -d "tests/node_modules/$package" ]; then
    (cd tests && npm ci --no-audit --no-fund --loglevel=error) || exit 1
    break
  fi
done

passed=0
failed=0
summary=() # one line per tier, repeated at the end
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# record <tier> <exit status> <passed> <failed>: adds a tier's counts, with at least one failure when
# its process failed.
record() {
  local tier=$1 status=$2 p=$3 f=$4
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  local verdict=ok
  [ "$f" -eq 0 ] || verdict=FAILED
  summary+=("$(printf '%-7s %-40s %4d passed, %d failed (exit %d)' "$verdict" "$tier" "$p" "$f" "$status")")
}

# one <tier> <command…>: a tool without counts of its own; it passes when its process exits 0.
one() {
  local tier=$1
  shift
  echo; echo "== $tier"
  "$@"
  local status=$?
  if [ "$status" -eq 0 ]; then record "$tier" 0 1 0; else record "$tier" "$status" 0 1; fi
}

finish() {
  echo
  echo "== tiers"
  printf '  %s\n' "${summary[@]}"
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && exit 0
  exit 1
}

one "cargo fmt --check" cargo fmt --all --check
one "cargo clippy (-D warnings)" cargo clippy --workspace --all-targets -- -D warnings
one "eslint" tests/node_modules/.bin/eslint .

echo; echo "== build"
./build.sh
status=$?
if [ "$status" -ne 0 ]; then
  record "./build.sh (the rest needs dist/)" "$status" 0 1
  finish
fi
record "./build.sh" 0 1 0

echo; echo "== native: cargo test"
cargo test --workspace 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Only cargo's own summary lines ("test result: ok. 12 passed; 0 failed; …"), one per test binary.
p=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
f=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
grep -q '^test result: ' "$log" || f=$((f + 1)) # no summary at all: it did not even compile
record "cargo test" "$status" "$p" "$f"

echo; echo "== wasm: cargo test --target wasm32-unknown-unknown (in node)"
# The shipped lower-casing (the browser's Unicode tables) against Rust's, and the allocator, where they run.
cargo test --target wasm32-unknown-unknown -p optout --test wasm 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
p=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
f=$(sed -n 's/^test result: [A-Za-z]*\. \([0-9]*\) passed; \([0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')
grep -q '^test result: ' "$log" || f=$((f + 1))
record "cargo test (wasm)" "$status" "$p" "$f"

# The spec reporter's closing counts: "ℹ pass N", "ℹ fail N", "ℹ cancelled N" (a test cut
# short by a failing hook or a timeout: a failure here), "ℹ skipped N".
count() { sed -n "s/^ℹ $1 \([0-9]*\)\$/\1/p" "$log" | tail -1; }
for suite in tests/build/*.test.mjs tests/e2e/*.test.mjs; do
  echo; echo "== $suite"
  node --test --test-reporter=spec "$suite" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  p=$(count pass)
  f=$(count fail)
  if [ -z "$p" ] || [ -z "$f" ]; then # the runner itself crashed before its summary
    p=${p:-0}
    f=$((${f:-0} + 1))
  fi
  c=$(count cancelled)
  f=$((f + ${c:-0}))
  record "$suite" "$status" "$p" "$f"
done

echo; echo "== web-ext lint"
# Firefox's linter, on what Firefox loads (Chromium's manifest is checked by tests/e2e/manifest.chromium.test.mjs).
tests/node_modules/.bin/web-ext lint --source-dir dist/firefox --output json >"$log" 2>/dev/null
lint_status=$?
# Prints each finding, then exits with the number of errors and warnings (0 = clean); the expected list
# is empty: each browser's manifest has only its own background key.
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8").replace(/\0/g, "");
  const r = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
  for (const m of [...r.errors, ...r.warnings, ...(r.notices ?? [])]) console.log(" ", m._type ?? "", m.code, m.file ?? "", m.message);
  console.log(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings, ${r.summary.notices ?? 0} notices`);
  process.exit(Math.min(r.summary.errors + r.summary.warnings, 100));
' "$log"
status=$?
[ "$status" -ne 0 ] || status=$lint_status
if [ "$status" -eq 0 ]; then record "web-ext lint" 0 1 0; else record "web-ext lint" "$status" 0 1; fi

finish
