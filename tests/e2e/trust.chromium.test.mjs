// "Never fooled" end to end in real Chromium: pages that try to make OptOut mark or click the wrong
// thing, or steer its banner.
import { launchChromium } from './browsers.mjs';
import { trustSuite } from './trust.scenarios.mjs';

trustSuite({ name: 'chromium', start: launchChromium });
