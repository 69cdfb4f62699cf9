// Asking for what the person uses, end to end in real Firefox ESR: its permission prompt is off in the
// tests' profile (extensions.webextOptionalPermissionPrompts), the request still needs the person's click.
import { launchFirefox } from './browsers.mjs';
import { permissionsSuite } from './permissions.scenarios.mjs';

permissionsSuite({ name: 'firefox', start: launchFirefox });
