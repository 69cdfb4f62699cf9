// Themes and accessibility end to end in real Firefox ESR: the same scenarios. Puppeteer's media
// emulation needs CDP, which Firefox does not offer (WebDriver BiDi only), so the system preference is
// Firefox's own pref at launch (ui.systemUsesDarkTheme), which web pages and the extension's pages follow.
import { launchFirefox } from './browsers.mjs';
import { a11ySuite } from './a11y.scenarios.mjs';

for (const scheme of ['light', 'dark']) {
  a11ySuite({
    name: 'firefox',
    preferenceBy: 'the pref ui.systemUsesDarkTheme at launch (puppeteer\'s emulateMediaFeatures refuses over BiDi: "CDP support is required for this feature")',
    start: (options) => launchFirefox({ ...options, prefs: { 'ui.systemUsesDarkTheme': scheme === 'dark' ? 1 : 0 } }),
  }, scheme);
}
