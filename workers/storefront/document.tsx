import type { Child } from 'hono/jsx';
import type { Channel } from '../../shared/channels';
import { APP_COLORS, APP_MANIFEST, APP_TOUCH_ICON, SITE_ICON } from '../../web/app/shell';
import { PAGE_DATA_ID, type PageEnvelope, ROOT_ID } from '../../web/storefront/pageData';
import { scriptJson } from './seo';

/** What a page tells browsers, search engines and link previews about itself. */
export interface PageHead {
  title: string;
  description: string;
  /** The one address search engines should index this page under (the PC mall's). */
  canonical: string;
  image?: string | null;
  type?: 'website' | 'product';
  jsonLd?: unknown;
  /** Pages of the shopper's own (cart, orders) are kept out of search results. */
  noindex?: boolean;
}

const THEME_COLOR: Record<Channel, string> = { pc: '#1c1c1c', h5: '#ff5000', mini: '#07c160', app: APP_COLORS.theme };

/** The whole HTML document of a storefront page: head, the server-rendered page, its data and its script. */
export const StorefrontDocument = ({
  envelope,
  head,
  children,
}: {
  envelope: PageEnvelope;
  head: PageHead;
  children: Child;
}) => (
  <html lang="zh-CN" data-theme={envelope.channel}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
      <title>{head.title}</title>
      <meta name="description" content={head.description} />
      <link rel="canonical" href={head.canonical} />
      {head.noindex && <meta name="robots" content="noindex" />}
      <meta name="theme-color" content={THEME_COLOR[envelope.channel]} />
      <meta property="og:site_name" content="mallsync" />
      <meta property="og:type" content={head.type ?? 'website'} />
      <meta property="og:title" content={head.title} />
      <meta property="og:description" content={head.description} />
      <meta property="og:url" content={head.canonical} />
      {head.image && <meta property="og:image" content={head.image} />}
      {envelope.channel === 'app' && (
        <>
          <link rel="manifest" href={APP_MANIFEST} />
          <meta name="mobile-web-app-capable" content="yes" />
          <meta name="apple-mobile-web-app-capable" content="yes" />
          <meta name="apple-mobile-web-app-status-bar-style" content="default" />
          <meta name="apple-mobile-web-app-title" content="mallsync" />
          <link rel="apple-touch-icon" href={APP_TOUCH_ICON} />
        </>
      )}
      <link rel="icon" type="image/png" href={SITE_ICON} />
      <link rel="stylesheet" href="/storefront.css" />
      <script type="module" src="/storefront.js" />
      {head.jsonLd !== undefined && (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(head.jsonLd) }} />
      )}
    </head>
    <body>
      <div id={ROOT_ID}>{children}</div>
      <script type="application/json" id={PAGE_DATA_ID} dangerouslySetInnerHTML={{ __html: scriptJson(envelope) }} />
    </body>
  </html>
);
