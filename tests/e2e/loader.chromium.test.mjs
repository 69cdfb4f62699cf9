// What loads where, end to end in real Chromium (it hears URL changes through the Navigation API).
import { launchChromium } from './browsers.mjs';
import { loaderSuite } from './loader.scenarios.mjs';

loaderSuite({ name: 'chromium', start: launchChromium, navigationApi: true });
