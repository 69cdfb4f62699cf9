// Themes and accessibility end to end in real Chromium: the banner, the callout and the popup under a
// light and a dark system preference (playwright's colorScheme emulation, every page of the browser).
import { launchChromium } from './browsers.mjs';
import { a11ySuite } from './a11y.scenarios.mjs';

for (const scheme of ['light', 'dark']) {
  a11ySuite({
    name: 'chromium',
    preferenceBy: 'playwright\'s colorScheme emulation, for every page of the browser',
    start: (options) => launchChromium({ ...options, colorScheme: scheme }),
  }, scheme);
}
