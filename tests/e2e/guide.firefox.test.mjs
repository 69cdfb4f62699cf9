// The opt-out guide end to end in real Firefox ESR.
import { launchFirefox } from './browsers.mjs';
import { guideSuite } from './guide.scenarios.mjs';

guideSuite({ name: 'firefox', start: launchFirefox });
