// A malformed rule fails the build itself, naming the file and the field: the crate is copied
// aside with one rule broken, and `cargo check` must refuse it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function checkWithRule(edit, env = { OPTOUT_PLATFORM: '' }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'optout-rule-'));
  fs.cpSync(path.join(ROOT, 'crate'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}target`) });
  fs.copyFileSync(path.join(ROOT, 'Cargo.lock'), path.join(dir, 'Cargo.lock'));
  // Standalone: its own workspace, the project's lockfile and a shared target dir for speed.
  fs.appendFileSync(path.join(dir, 'Cargo.toml'), '\n[workspace]\n');
  const file = path.join(dir, 'rules', 'linkedin.json');
  const rules = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(rules);
  fs.writeFileSync(file, JSON.stringify(rules, null, 2));
  const run = spawnSync('cargo', ['check', '--offline', '--lib', '--manifest-path', path.join(dir, 'Cargo.toml')], {
    encoding: 'utf8',
    env: { ...process.env, CARGO_TARGET_DIR: path.join(ROOT, 'target', 'rule-check'), ...env },
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return run;
}

test('the build accepts the shipped rules', () => {
  const run = checkWithRule(() => {});
  assert.equal(run.status, 0, run.stderr);
});

test('a page module asked for a platform no rule file has fails the build naming it; one that exists builds', () => {
  const run = checkWithRule(() => {}, { OPTOUT_PLATFORM: 'nosuch' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /OPTOUT_PLATFORM=nosuch: no rule file in crate\/rules\/ has that platform id/);
  assert.equal(checkWithRule(() => {}, { OPTOUT_PLATFORM: 'x' }).status, 0);
});

test('a wrong value fails the build naming the file and the field', () => {
  const run = checkWithRule((r) => { r.settings[0].protective = 'sideways'; });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /malformed rule: crate\/rules\/linkedin\.json: settings\[0\]\.protective: unknown variant `sideways`/);
});

test('a missing English text fails the build naming the field', () => {
  const run = checkWithRule((r) => { delete r.settings[2].effect.en; });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /crate\/rules\/linkedin\.json: settings\[2\]\.effect: needs non-empty English/);
});

test('a text shown to people that lacks a language fails the build naming the file, the field and the language', () => {
  const run = checkWithRule((r) => { delete r.settings[0].effect.it; });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /malformed rule: crate\/rules\/linkedin\.json: settings\[0\]\.effect: lacks the `it` text/);
});

test('a source that is not an https address, or a date not written YYYY-MM-DD, fails the build naming the field', () => {
  const run = checkWithRule((r) => { r.settings[1].sources[0].url = 'notes.md (LinkedIn)'; });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /crate\/rules\/linkedin\.json: settings\[1\]\.sources\[0\]\.url: must be an https address/);
  const date = checkWithRule((r) => { r.settings[0].sources[0].checked = '30.11.2026'; });
  assert.notEqual(date.status, 0);
  assert.match(date.stderr, /crate\/rules\/linkedin\.json: settings\[0\]\.sources\[0\]\.checked: must be a date written YYYY-MM-DD/);
});

test('a guide step named but not defined fails the build naming the field', () => {
  const run = checkWithRule((r) => { r.settings[2].guide.steps[0] = 'you-menu'; });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /crate\/rules\/linkedin\.json: settings\[2\]\.guide\.steps\[0\]: names no step `you-menu` in `guide_steps`/);
});
