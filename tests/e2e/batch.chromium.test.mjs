// Check now and Turn off all in real Chromium: the popup in a tab, the background's service worker
// running the batch in a tab of its own, the LinkedIn fixture's saved state.
import { launchChromium } from './browsers.mjs';
import { batchSuite } from './batch.scenarios.mjs';

batchSuite({ name: 'chromium', start: launchChromium });
