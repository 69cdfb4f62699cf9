#!/usr/bin/env bash
# Builds OptOut for Chrome and Firefox: dist/chrome, dist/firefox and a zip of each.
# On a fresh machine it first installs what it lacks: the wasm target, the wasm-bindgen CLI pinned
# to the crate's version (into .tools/), and the npm build tools (binaryen's wasm-opt, esbuild).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

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
# Two modules from the one crate: core/optout* for the content script and the background (what a page
# loads), core/optout_popup* with the popup's renderer too (only the popup loads it).
rm -rf build && mkdir -p build/core
wasm() { # <out-name> <target-dir> [cargo args…]
  local name=$1 dir=$2
  shift 2
  cargo build --release --target wasm32-unknown-unknown -p optout --target-dir "$dir" "$@"
  "$root/.tools/bin/wasm-bindgen" "$dir/wasm32-unknown-unknown/release/optout.wasm" \
    --out-dir build/core --out-name "$name" --target no-modules --no-typescript \
    --remove-name-section --remove-producers-section
  # Debian's binaryen (108) cannot parse current rustc output (reference types); the npm one can.
  # --converge: the -Oz passes again until nothing more shrinks.
  node_modules/.bin/wasm-opt -Oz --converge --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "build/core/${name}_bg.wasm" -o "build/core/${name}_bg.wasm"
}
wasm optout target
wasm optout_popup target/popup --features popup
# From the rules too: where the content script wakes up, and each browser's manifest (the root
# manifest.json lists no site; the sites are filled in from crate/rules/, with that browser's background).
cargo run --quiet --release -p optout --bin optout-scope > build/scope.js
cargo run --quiet --release -p optout --bin optout-batch > build/batch-plan.js
for browser in chrome firefox; do
  cargo run --quiet --release -p optout --bin optout-manifest -- manifest.json "$browser" > "build/manifest.$browser.json"
done

step "content script (extension/content/ → content.js, content.css)"
# Its sources are ES modules, one per job; the manifest injects one classic script, so esbuild bundles
# them into build/content.js as an IIFE, readable, strict like the modules it comes from. The shadow
# roots' stylesheets are imported as text; the page's own (the outlines of the marks and of the guide's
# step) becomes content.css. The targets: Chromium's MV3 baseline and the manifest's Firefox minimum.
node_modules/.bin/esbuild extension/content/main.js --bundle --format=iife --target=chrome120,firefox142 \
  --loader:.css=text --charset=utf8 --banner:js='"use strict";' --log-level=warning --outfile=build/content.js
cp extension/content/page.css build/content.css

step "extension"
for browser in chrome firefox; do
  out="dist/$browser"
  rm -rf "$out" && mkdir -p "$out"
  # All of extension/ but the content script's sources: the bundle stands for them.
  find extension -mindepth 1 -maxdepth 1 ! -name content -exec cp -R {} "$out/" \;
  cp build/content.js build/content.css "$out/"
  cp "build/manifest.$browser.json" "$out/manifest.json"
  cp -R build/core "$out/core"
  cp build/scope.js "$out/scope.js"
  cp build/batch-plan.js "$out/batch-plan.js"
  (cd "$out" && rm -f "../optout-$browser.zip" && zip -qr -X "../optout-$browser.zip" .)
done

size() { echo "$(stat -c %s "$1") bytes raw, $(gzip -9 -c "$1" | wc -c) bytes gzipped"; }
echo
echo "built dist/chrome dist/firefox (+ zips)"
echo "wasm (content script, background): $(size build/core/optout_bg.wasm)"
echo "wasm (popup): $(size build/core/optout_popup_bg.wasm)"
