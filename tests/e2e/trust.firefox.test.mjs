// "Never fooled" end to end in real Firefox ESR: the same scenarios, the core in the content script.
import { launchFirefox } from './browsers.mjs';
import { trustSuite } from './trust.scenarios.mjs';

trustSuite({ name: 'firefox', start: launchFirefox });
