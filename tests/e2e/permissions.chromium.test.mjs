// Asking for what the person uses, end to end in real Chromium: its permission dialog is answered the way
// a person answers it ahead, in chrome://extensions' site access (platform-access.mjs).
import { launchChromium } from './browsers.mjs';
import { permissionsSuite } from './permissions.scenarios.mjs';

permissionsSuite({ name: 'chromium', start: launchChromium });
