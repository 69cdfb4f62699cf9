// What loads where, end to end in real Firefox.
import { launchFirefox } from './browsers.mjs';
import { loaderSuite } from './loader.scenarios.mjs';

loaderSuite({ name: 'firefox', start: launchFirefox });
