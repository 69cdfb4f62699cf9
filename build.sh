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
# The CLI must equal the wasm-bindgen crate version in Cargo.lock (toolchain.md, traps 1 and 2).
[ -f Cargo.lock ] || cargo generate-lockfile # committed; never regenerated (that could move versions)
want=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')
have=$("$root/.tools/bin/wasm-bindgen" --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want (a few minutes, once)"
  # Not --locked: its lockfile pins a yanked crate (toolchain.md, trap 1).
  cargo install wasm-bindgen-cli --version "$want" --root "$root/.tools" --force
fi
if [ ! -x node_modules/.bin/wasm-opt ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

step "core (Rust → wasm)"
cargo build --release --target wasm32-unknown-unknown -p optout
rm -rf build && mkdir -p build/core
"$root/.tools/bin/wasm-bindgen" target/wasm32-unknown-unknown/release/optout.wasm \
  --out-dir build/core --out-name optout --target no-modules --no-typescript \
  --remove-name-section --remove-producers-section
# Debian's binaryen is too old for current rustc output; the npm one is not (toolchain.md, trap 3).
node_modules/.bin/wasm-opt -Oz --enable-reference-types --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  build/core/optout_bg.wasm -o build/core/optout_bg.wasm
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

raw=$(stat -c %s build/core/optout_bg.wasm)
gz=$(gzip -9 -c build/core/optout_bg.wasm | wc -c)
echo
echo "built dist/chrome dist/firefox (+ zips); wasm ${raw} bytes raw, ${gz} bytes gzipped"
