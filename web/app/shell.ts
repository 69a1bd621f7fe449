/**
 * The App as an installable web app: its manifest, icons and the offline shell its service worker
 * keeps. Colours are the App theme's (`web/ui/design.css`, `[data-theme="app"]`).
 */
export const APP_SCOPE = '/app/';
export const APP_COLORS = { theme: '#e4393c', background: '#f2f3f5' } as const;

/** PNG icon sizes: Chromium installs with a 192 and a 512; iOS takes the 180 as its home-screen icon. */
export const APP_ICON_SIZES = [180, 192, 512] as const;
export const appIconPath = (size: number): string => `/app/icon-${size}.png`;
export const APP_TOUCH_ICON = appIconPath(180);
/** The tab icon of every page of the hub: the App's icon. */
export const SITE_ICON = appIconPath(192);
export const APP_SERVICE_WORKER = '/app/sw.js';
export const APP_MANIFEST = '/app/manifest.webmanifest';

export const appManifest = {
  id: APP_SCOPE,
  name: 'mallsync App',
  short_name: 'mallsync',
  description: 'One mall on every screen: your cart, coupons and orders, with you offline too.',
  lang: 'zh-CN',
  start_url: APP_SCOPE,
  scope: APP_SCOPE,
  display: 'standalone',
  orientation: 'portrait',
  theme_color: APP_COLORS.theme,
  background_color: APP_COLORS.background,
  icons: APP_ICON_SIZES.filter((size) => size !== 180).map((size) => ({
    src: appIconPath(size),
    sizes: `${size}x${size}`,
    type: 'image/png',
    purpose: 'any maskable',
  })),
};

/** What the service worker keeps from install on, so the App opens with no network. */
export const APP_SHELL: readonly string[] = [
  APP_SCOPE,
  '/storefront.js',
  '/storefront.css',
  APP_MANIFEST,
  ...APP_ICON_SIZES.map(appIconPath),
];
