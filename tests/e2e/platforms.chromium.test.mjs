// X, Meta's forms and the popup end to end in real Chromium: X's CSP forbids wasm in the content
// script, so the core runs in the background.
import { launchChromium } from './browsers.mjs';
import { platformsSuite } from './platforms.scenarios.mjs';

platformsSuite({ name: 'chromium', start: launchChromium });
