// Owns where OptOut wakes up on a page: the rules' scope (each platform's hosts and the path prefixes of
// its settings area and form pages), generated from crate/rules/ and bundled in here by build.sh as
// OPTOUT_SCOPE. The bootstrap and the content script each carry it.
export const SCOPE = OPTOUT_SCOPE;

// The scope entry of a settings area or form page that holds this location, else null.
export const settingsArea = (loc) =>
  SCOPE.find((p) => p.hosts.includes(loc.hostname) && p.prefixes.some((x) => loc.pathname.startsWith(x))) ?? null;

// The same areas as address prefixes (`https://<host><path prefix>`, every path prefix starting with "/",
// so a host is matched whole), computed by build.sh from the scope: the bootstrap's (every page of a
// supported host checks its URL against them at start: strings cost a fresh tab less than the objects).
export const AREA_URLS = OPTOUT_AREA_URLS;

// The platform whose site this is, in its settings area or not (a guide walks from other pages).
export const platformAt = (loc) => (settingsArea(loc) ?? SCOPE.find((p) => p.hosts.includes(loc.hostname)))?.platform ?? null;
