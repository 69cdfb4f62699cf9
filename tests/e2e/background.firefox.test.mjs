// The background in real Firefox ESR: its event page's message handler, reached for real from the
// extension's page and directly with a forged sender (through runtime.getBackgroundPage()).
import { launchFirefox } from './browsers.mjs';
import { backgroundSuite } from './background.scenarios.mjs';

backgroundSuite({ name: 'firefox', start: launchFirefox });
