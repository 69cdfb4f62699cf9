// What loads where, end to end in real Chromium.
import { launchChromium } from './browsers.mjs';
import { loaderSuite } from './loader.scenarios.mjs';

loaderSuite({ name: 'chromium', start: launchChromium });
