// What loads where, end to end in real Firefox: as it is (Firefox 153 has the Navigation API), and with
// the Navigation API switched off by its pref, as in Firefox ESR 140, which has none: there the page code
// hears URL changes from the background's tabs.onUpdated alone.
import { launchFirefox } from './browsers.mjs';
import { loaderSuite } from './loader.scenarios.mjs';

loaderSuite({ name: 'firefox', start: launchFirefox, navigationApi: true });
loaderSuite({
  name: 'firefox',
  start: (options) => launchFirefox({ ...options, prefs: { ...options.prefs, 'dom.navigation.webidl.enabled': false } }),
  navigationApi: false,
});
