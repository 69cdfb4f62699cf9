// History, drift, reminders and options end to end in real Firefox ESR (puppeteer-core over WebDriver
// BiDi): the options page is opened from the checklist's tab, as the driver cannot open extension pages.
import { launchFirefox } from './browsers.mjs';
import { historySuite } from './history.scenarios.mjs';

historySuite({ name: 'firefox', start: launchFirefox });
