// The background in real Chromium: its service worker's message handler, reached for real from the
// extension's page and directly with a forged sender (playwright reaches the service worker).
import { launchChromium } from './browsers.mjs';
import { backgroundSuite } from './background.scenarios.mjs';

backgroundSuite({ name: 'chromium', start: launchChromium });
