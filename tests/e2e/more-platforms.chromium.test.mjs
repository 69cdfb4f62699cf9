// The fixture kit's platforms end to end in real Chromium: their CSPs forbid wasm in the content
// script, so the core runs in the background.
import { launchChromium } from './browsers.mjs';
import { morePlatformsSuite } from './more-platforms.scenarios.mjs';

morePlatformsSuite({ name: 'chromium', start: launchChromium });
