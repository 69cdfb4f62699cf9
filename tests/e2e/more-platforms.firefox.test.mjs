// The fixture kit's platforms end to end in real Firefox ESR: the core runs as wasm in the content script.
import { launchFirefox } from './browsers.mjs';
import { morePlatformsSuite } from './more-platforms.scenarios.mjs';

morePlatformsSuite({ name: 'firefox', start: launchFirefox });
