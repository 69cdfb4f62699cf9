// LinkedIn end to end in real Firefox ESR: the core runs as wasm inside the content script.
import { launchFirefox } from './browsers.mjs';
import { linkedinSuite } from './linkedin.scenarios.mjs';

linkedinSuite({ name: 'firefox', start: launchFirefox });
