// Check now and Turn off all in real Firefox ESR: the popup in a tab (opened from a page's banner, as
// the driver cannot open extension pages), the background page running the batch in a tab of its own.
import { launchFirefox } from './browsers.mjs';
import { batchSuite } from './batch.scenarios.mjs';

batchSuite({ name: 'firefox', start: launchFirefox });
