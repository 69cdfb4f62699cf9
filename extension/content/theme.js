// Owns reading the page's own theme from its computed colours, for the hosts of the banner and the
// callout (shell.js sets it as their data-theme; their stylesheets pick the palette from it). Generic:
// no platform's class or selector, only what the page paints behind everything (X's Dim and Lights out,
// LinkedIn's dark mode and any other page alike).

// WCAG's relative luminance (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance) of an sRGB colour.
function luminance([r, g, b]) {
  const lin = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

// [r, g, b, alpha] of a computed `rgb()`/`rgba()` colour (how browsers give sRGB colours back); null for
// another form (e.g. `oklch(…)`), which then says nothing.
function rgba(value) {
  if (!/^rgba?\(/.test(value)) return null;
  const [r, g, b, a = '1'] = value.match(/[\d.]+%?/g) ?? [];
  if (b === undefined) return null;
  return [Number(r), Number(g), Number(b), a.endsWith('%') ? parseFloat(a) / 100 : Number(a)];
}

// 'dark' or 'light': what <body> paints, over what <html> paints where it is translucent (walking up
// while transparent), the rest being the browser's white canvas; null when neither paints any colour
// (then the person's system preference decides, in the stylesheets). Dark when white text would
// contrast more than black on it: luminance below 0.179, where the two contrast ratios are equal.
export function pageTheme() {
  const painted = [0, 0, 0];
  let cover = 0; // how much of the backdrop the layers read so far paint over
  for (const el of [document.body, document.documentElement]) {
    const c = el && rgba(getComputedStyle(el).backgroundColor);
    if (!c || c[3] <= 0) continue;
    const weight = (1 - cover) * Math.min(1, c[3]);
    for (let i = 0; i < 3; i++) painted[i] += weight * c[i];
    cover += weight;
    if (cover >= 1) break;
  }
  if (cover === 0) return null;
  for (let i = 0; i < 3; i++) painted[i] += (1 - cover) * 255;
  return luminance(painted) < 0.179 ? 'dark' : 'light';
}
