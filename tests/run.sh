#!/usr/bin/env bash
# OptOut's test command: every tier, from a fresh machine.
#   1. installs Chromium, chromium-driver and Firefox ESR from the system packages when missing,
#      and the npm packages of tests/;
#   2. builds the extension (./build.sh installs the rest of the toolchain);
#   3. runs the core's native tests (cargo test), the build's refusal of malformed rules,
#      the end-to-end suites in real Chromium and real Firefox ESR, and web-ext lint.
# The fixture server listens on port 443 (Firefox has no port mapping), so run it as root.
# Its last line is "N passed, N failed".
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
if [ ! -d tests/node_modules/playwright-core ] || [ ! -d tests/node_modules/puppeteer-core ] || [ ! -d tests/node_modules/web-ext ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi

./build.sh || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
log=$(mktemp)

echo; echo "== native: cargo test"
cargo test --workspace 2>&1 | tee "$log"
p=$(grep -Eo '[0-9]+ passed' "$log" | awk '{s+=$1} END {print s+0}')
f=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
grep -q '^test result: ' "$log" || f=$((f + 1)) # it did not even compile
passed=$((passed + p)); failed=$((failed + f))

for suite in tests/build/*.test.mjs tests/e2e/*.test.mjs; do
  echo; echo "== $suite"
  node --test --test-reporter=spec "$suite" 2>&1 | tee "$log"
  p=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | tail -1)
  [ -n "$p" ] || { p=0; f=1; } # the runner itself crashed
  passed=$((passed + p)); failed=$((failed + ${f:-0}))
done

echo; echo "== web-ext lint"
tests/node_modules/.bin/web-ext lint --source-dir dist/firefox --output json >"$log" 2>/dev/null
# Prints each finding, then exits with the number of errors (0 = clean).
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8").replace(/\0/g, "");
  const r = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
  for (const m of [...r.errors, ...r.warnings]) console.log(" ", m.code, m.file ?? "", m.message);
  console.log(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings`);
  process.exit(Math.min(r.summary.errors, 100));
' "$log"
if [ $? -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
rm -f "$log"

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
