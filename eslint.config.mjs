// ESLint's flat config for all of OptOut's JavaScript (tests/run.sh runs it as the lint tier):
// @eslint/js's recommended rules, with the globals each kind of file really has.
// ESLint and these two packages are dev dependencies of tests/ (tests/package.json, pinned), so they
// are resolved from there.
import { createRequire } from 'node:module';

const require = createRequire(new URL('./tests/package.json', import.meta.url));
const js = require('@eslint/js');
const globals = require('globals');

// What the extension's own scripts define for each other: scope.js (generated from the rules by
// build.sh) sets OPTOUT_SCOPE; core/optout.js (wasm-bindgen's no-modules glue) sets wasm_bindgen.
// platforms.js (generated too) sets OPTOUT_PLATFORMS; platform-access.js sets platformAccess for background.js.
const optout = { OPTOUT_SCOPE: 'readonly', OPTOUT_PLATFORMS: 'readonly', wasm_bindgen: 'readonly' };
const extension = { ...globals.browser, ...globals.webextensions, ...optout };

export default [
  // Build output and installed tools, not sources.
  { ignores: ['dist/', 'build/', 'target/', '.tools/'] },
  js.configs.recommended,
  {
    // The manifest's content script, loaded as a classic script after scope.js and core/optout.js.
    files: ['extension/content.js'],
    languageOptions: { sourceType: 'script', globals: extension },
  },
  {
    // The page code's modules (the bootstrap's and the content script's), bundled by the build.
    files: ['extension/content/**/*.js'],
    languageOptions: { sourceType: 'module', globals: extension },
  },
  {
    // The background: Chrome's service worker (importScripts) and Firefox's event page (the
    // manifest's background.scripts), classic scripts for both: loader.js, then background.js.
    files: ['extension/background.js', 'extension/loader.js'],
    languageOptions: { sourceType: 'script', globals: { ...extension, ...globals.serviceworker, afterChecklist: 'readonly', handleHistory: 'readonly', platformAccess: 'readonly' } },
  },
  {
    // The background's history and reminders, loaded right after background.js (whose `ready` and
    // message table it uses), in the same global scope.
    files: ['extension/background-history.js'],
    languageOptions: { sourceType: 'script', globals: { ...extension, ...globals.serviceworker, ready: 'readonly', MESSAGES: 'readonly', platformAccess: 'readonly' } },
  },
  {
    files: ['extension/platform-access.js'],
    languageOptions: { sourceType: 'script', globals: { ...extension, ...globals.serviceworker } },
  },
  {
    files: ['extension/popup/**/*.js'],
    languageOptions: { sourceType: 'script', globals: extension },
  },
  {
    // The options page: ES modules, one per section.
    files: ['extension/options/**/*.js'],
    languageOptions: { sourceType: 'module', globals: extension },
  },
  {
    // The fixture sites' own page scripts, classic scripts in a plain page.
    files: ['tests/fixtures/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
  },
  {
    // Tests run in Node; the functions they hand to a page or to the extension's worker run there,
    // hence the browser's and the extensions' globals too.
    files: ['tests/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
  {
    files: ['eslint.config.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
];
