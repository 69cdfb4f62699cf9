// LinkedIn end to end in real Chromium: the page's CSP forbids wasm in the content script, so the
// core answers from the background service worker.
import { launchChromium } from './browsers.mjs';
import { linkedinSuite } from './linkedin.scenarios.mjs';

linkedinSuite({ name: 'chromium', start: launchChromium });
