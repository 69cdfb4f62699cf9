#!/usr/bin/env bash
# Builds OptOut for Chrome and Firefox: dist/chrome, dist/firefox and a zip of each.
# On a fresh machine it first installs what it lacks: the wasm target, the wasm-bindgen CLI pinned
# to the crate's version (into .tools/), and the npm build tools (binaryen's wasm-opt, esbuild).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
build_start=$(date +%s)

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
# The CLI must equal the wasm-bindgen crate version in Cargo.lock (the crate is pinned with `=`): the CLI
# refuses a module built with another version of the crate.
[ -f Cargo.lock ] || cargo generate-lockfile # committed; never regenerated (that could move versions)
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$("$root/.tools/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (a few minutes, once)"
  # Not --locked: its lockfile pins a yanked crate (webpki-roots), so a locked install fails.
  cargo install wasm-bindgen-cli --version "$want" --root "$root/.tools" --force
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

step "core (Rust → wasm)"
start=$(date +%s)
# Modules from the one crate: core/optout_popup* with every platform's rules, the popup's renderer, the
# checklist's recording, the history and the badge (the extension's own pages and its background load it,
# never a page), and one page module per platform, core/pages/<platform>_bg.wasm, with only that
# platform's rules (OPTOUT_PLATFORM, read by crate/build.rs): a page loads only its own platform's. The page
# modules share one glue, core/optout.js.
rm -rf build && mkdir -p build/core/pages build/glue
wasm() { # <out-dir> <out-name> <target-dir> [cargo args…]
  local out=$1 name=$2 dir=$3
  shift 3
  cargo build --quiet --release --target wasm32-unknown-unknown -p optout --target-dir "$dir" "$@"
  "$root/.tools/bin/wasm-bindgen" "$dir/wasm32-unknown-unknown/release/optout.wasm" \
    --out-dir "$out" --out-name "$name" --target no-modules --no-typescript \
    --remove-name-section --remove-producers-section
  # Debian's binaryen (108) cannot parse current rustc output (reference types); the npm one can.
  # --converge: the -Oz passes again until nothing more shrinks.
  node_modules/.bin/wasm-opt -Oz --converge --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
}
OPTOUT_PLATFORM= wasm build/core optout_popup target/popup --features popup
# The platforms with pages to wake up on (a site or a form), from the rules.
OPTOUT_PLATFORM= cargo build --quiet --release -p optout --bins
platforms=$(target/release/optout-scope --platforms)
[ -n "$platforms" ] || { echo "error: no platform has a site or a form page" >&2; exit 1; }
for id in $platforms; do
  # Each named optout: the module's imports are named after it ("./optout_bg.js").
  OPTOUT_PLATFORM=$id wasm "build/glue/$id" optout target/pages
  mv "build/glue/$id/optout_bg.wasm" "build/core/pages/${id}_bg.wasm"
  # One glue serves every page module: it is wasm-bindgen's JavaScript for the crate's exports and
  # imports, which no rule changes. Checked here, not assumed.
  [ -f build/core/optout.js ] || cp "build/glue/$id/optout.js" build/core/optout.js
  if ! cmp -s "build/glue/$id/optout.js" build/core/optout.js; then
    echo "error: the glue of $id's page module differs from core/optout.js; a page module cannot share it" >&2
    diff "build/glue/$id/optout.js" build/core/optout.js | head -20 >&2
    exit 1
  fi
done
rm -rf build/glue
# From the rules too: where the page code wakes up (scope.js for the background, scope.json bundled into
# the bootstrap and the content script), and each browser's manifest (the root manifest.json lists no
# site; the sites are filled in from crate/rules/, with that browser's background).
target/release/optout-scope > build/scope.js
target/release/optout-scope --json > build/scope.json
# The platforms with sites and when the browser is asked for them (the background and the popup read it).
target/release/optout-platforms > build/platforms.js
# The batch runs' plans: which pages Check now and Turn off all visit for which settings (the background reads it).
target/release/optout-batch > build/batch-plan.js
for browser in chrome firefox; do
  target/release/optout-manifest manifest.json "$browser" > "build/manifest.$browser.json"
done
echo "core built in $(($(date +%s) - start)) s ($(echo $platforms | wc -w) page modules)"

step "page code (extension/content/ → bootstrap.js; content.js, content.css)"
# Their sources are ES modules, one per job; a page runs classic scripts, so esbuild bundles them, each
# as an IIFE, strict like the modules they come from, with the scope (build/scope.json) defined in. The
# bootstrap is what every page of a supported host runs: minified. content.js (injected only where it
# is needed) stays readable. The shadow roots' stylesheets are imported as text; the page's own (the
# outlines of the marks and of the guide's step) becomes content.css. The targets: Chromium's MV3
# baseline and the manifest's Firefox minimum.
# OPTOUT_AREA_URLS: the same scope as address prefixes, `https://<host><path prefix>` (scope.js).
area_urls=$(node -e 'const s = JSON.parse(require("fs").readFileSync("build/scope.json", "utf8"));
  console.log(JSON.stringify(s.flatMap((p) => p.hosts.flatMap((h) => p.prefixes.map((x) => `https://${h}${x}`)))));') || exit 1
bundle() { # <entry> <out> [esbuild args…]
  local entry=$1 out=$2
  shift 2
  node_modules/.bin/esbuild "$entry" --bundle --format=iife --target=chrome120,firefox142 \
    --define:OPTOUT_SCOPE="$(cat build/scope.json)" --define:OPTOUT_AREA_URLS="$area_urls" \
    --charset=utf8 --banner:js='"use strict";' \
    --log-level=warning --outfile="$out" "$@"
}
bundle extension/content/bootstrap.js build/bootstrap.js --minify
bundle extension/content/main.js build/content.js --loader:.css=text
cp extension/content/page.css build/content.css

step "extension"
for browser in chrome firefox; do
  out="dist/$browser"
  rm -rf "$out" && mkdir -p "$out"
  # All of extension/ but the content script's sources: the bundle stands for them.
  find extension -mindepth 1 -maxdepth 1 ! -name content -exec cp -R {} "$out/" \;
  cp build/bootstrap.js build/content.js build/content.css "$out/"
  cp "build/manifest.$browser.json" "$out/manifest.json"
  cp -R build/core "$out/core"
  cp build/scope.js "$out/scope.js"
  cp build/platforms.js "$out/platforms.js"
  cp build/batch-plan.js "$out/batch-plan.js"
  (cd "$out" && rm -f "../optout-$browser.zip" && zip -qr -X "../optout-$browser.zip" .)
done

size() { echo "$(stat -c %s "$1") bytes raw, $(gzip -9 -c "$1" | wc -c) bytes gzipped"; }
echo
echo "built dist/chrome dist/firefox (+ zips)"
echo "bootstrap (every page of a supported host): $(size build/bootstrap.js)"
for wasm in build/core/pages/*_bg.wasm; do
  echo "wasm (pages of $(basename "$wasm" _bg.wasm)): $(size "$wasm")"
done
echo "wasm (popup, options, background: every platform): $(size build/core/optout_popup_bg.wasm)"
echo "build time: $(($(date +%s) - build_start)) s"
