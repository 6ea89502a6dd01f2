// Renders the app's icons (public/icon-*.png) from one drawing, in headless Chromium, so
// that every size shows the same 联动 mark with the same font. Run once after changing
// the drawing: `node scripts/make-icons.mjs` (the PNGs are committed; builds do not run it).
//
// - icon-192.png, icon-512.png: "any" purpose, rounded corners, transparent outside.
// - icon-maskable-512.png: full-bleed, the mark inside the central 80 % safe zone
//   (https://www.w3.org/TR/appmanifest/#icon-masks), for launchers that cut their own shape.
// - apple-touch-icon.png (180): full-bleed, iOS rounds it itself.
import { chromium } from 'playwright-core';

const BLUE = '#0b3d91';
const mark = (size, { rounded, scale }) => `
  <svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 512 512">
    <rect width="512" height="512" rx="${rounded ? 96 : 0}" fill="${BLUE}"/>
    <text x="256" y="${256 + 90 * scale}" font-size="${240 * scale}" text-anchor="middle" fill="#fff"
      font-family="Noto Sans CJK SC, sans-serif" font-weight="700">联动</text>
  </svg>`;

const icons = [
  ['icon-192.png', 192, { rounded: true, scale: 1 }],
  ['icon-512.png', 512, { rounded: true, scale: 1 }],
  ['icon-maskable-512.png', 512, { rounded: false, scale: 0.72 }],
  ['apple-touch-icon.png', 180, { rounded: false, scale: 0.9 }],
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true });
const page = await browser.newPage();
for (const [name, size, style] of icons) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${mark(size, style)}</body></html>`);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `public/${name}`, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  console.log(`public/${name}: ${size}×${size}`);
}
await browser.close();
