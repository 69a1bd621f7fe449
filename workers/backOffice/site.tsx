import { Hono } from 'hono';
import { SITE_ICON } from '../../web/app/shell';
import { BACK_OFFICE_ROOT_ID } from '../../web/backOffice/backOfficeRoot';
import type { HubEnv } from '../edge/hubEnv';

/**
 * The back office's one document, for `/admin` and every screen under it: the page renders in
 * the browser (`web/backOffice/`) once the staff session is known, and moves between screens
 * without reloading. Nothing here is for search engines or caches.
 */
const backOfficeDocument = `<!doctype html>${(
  (
    <html lang="zh-CN" data-theme="ops">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Back office · mallsync</title>
        <meta name="robots" content="noindex" />
        <link rel="icon" type="image/png" href={SITE_ICON} />
        <link rel="stylesheet" href="/admin.css" />
        <script type="module" src="/admin.js" />
      </head>
      <body>
        <div id={BACK_OFFICE_ROOT_ID}>
          <noscript>The back office needs JavaScript.</noscript>
        </div>
      </body>
    </html>
  )
).toString()}`;

export const backOfficeSite = new Hono<HubEnv>();
for (const path of ['/admin', '/admin/*']) {
  backOfficeSite.get(path, (c) => {
    c.header('Cache-Control', 'private, no-cache');
    c.header('X-Frame-Options', 'DENY');
    return c.html(backOfficeDocument);
  });
}
