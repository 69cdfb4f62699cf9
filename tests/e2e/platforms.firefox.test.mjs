// X, Meta's forms and the popup end to end in real Firefox ESR: the core runs as wasm in the content script.
import { launchFirefox } from './browsers.mjs';
import { platformsSuite } from './platforms.scenarios.mjs';

platformsSuite({ name: 'firefox', start: launchFirefox });
