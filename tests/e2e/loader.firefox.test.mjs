// What loads where, end to end in real Firefox: as it is (Firefox 153 has the Navigation API), and with
// the Navigation API switched off by its pref, as in Firefox ESR 140, which has none: there the page code
// hears URL changes from the background's tabs.onUpdated alone, which must wake the idle event page.
import { launchFirefox } from './browsers.mjs';
import { loaderSuite } from './loader.scenarios.mjs';

loaderSuite({ name: 'firefox', start: launchFirefox, navigationApi: true });
// Its event page's idle timeout cut to 1 s, so that the URL change finds it idle and must wake it.
const IDLE_MS = 1000;
loaderSuite({
  name: 'firefox',
  start: (options) => launchFirefox({ ...options, prefs: { 'dom.navigation.webidl.enabled': false, 'extensions.background.idle.timeout': IDLE_MS } }),
  navigationApi: false,
  backgroundIdleMs: IDLE_MS,
});
