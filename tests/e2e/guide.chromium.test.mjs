// The opt-out guide end to end in real Chromium.
import { launchChromium } from './browsers.mjs';
import { guideSuite } from './guide.scenarios.mjs';

guideSuite({ name: 'chromium', start: launchChromium });
