// History, drift, reminders and options end to end in real Chromium (playwright-core).
import { launchChromium } from './browsers.mjs';
import { historySuite } from './history.scenarios.mjs';

historySuite({ name: 'chromium', start: launchChromium });
