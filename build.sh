#!/usr/bin/env bash
# Builds OptOut for Chrome and Firefox: dist/chrome, dist/firefox and a zip of each.
# On a fresh machine it first installs what it lacks: the wasm target, the wasm-bindgen CLI pinned
# to the crate's version (into .tools/), and the npm build tools (binaryen's wasm-opt).
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
if [ ! -x node_modules/.bin/wasm-opt ]; then
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
  node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-multivalue \
    "build/core/${name}_bg.wasm" -o "build/core/${name}_bg.wasm"
}
wasm optout target
wasm optout_popup target/popup --features popup
cargo run --quiet --release -p optout --bin optout-scope > build/scope.js

step "extension"
for browser in chrome firefox; do
  out="dist/$browser"
  rm -rf "$out" && mkdir -p "$out"
  cp -R extension/. "$out/"
  cp manifest.json "$out/manifest.json"
  cp -R build/core "$out/core"
  cp build/scope.js "$out/scope.js"
  (cd "$out" && rm -f "../optout-$browser.zip" && zip -qr -X "../optout-$browser.zip" .)
done

size() { echo "$(stat -c %s "$1") bytes raw, $(gzip -9 -c "$1" | wc -c) bytes gzipped"; }
echo
echo "built dist/chrome dist/firefox (+ zips)"
echo "wasm (content script, background): $(size build/core/optout_bg.wasm)"
echo "wasm (popup): $(size build/core/optout_popup_bg.wasm)"
