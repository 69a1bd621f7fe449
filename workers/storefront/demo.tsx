import type { Context } from 'hono';
import { SITE_ICON } from '../../web/app/shell';
import { DemoPage } from '../../web/demo/DemoPage';
import { DEMO_ROOT_ID } from '../../web/demo/demoRoot';
import type { HubEnv } from '../edge/hubEnv';

/**
 * `/demo`: the four storefronts side by side with the operator's strip and Emma's journey
 * (`web/demo/`), in the back office's `ops` theme. Kept out of search results and the sitemap.
 */
export const demoPage = (c: Context<HubEnv>) => {
  c.header('Cache-Control', 'private, no-cache');
  return c.html(
    `<!doctype html>${(
      (
        <html lang="zh-CN" data-theme="ops">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Four-channel demo · mallsync</title>
            <meta name="robots" content="noindex" />
            <link rel="icon" type="image/png" href={SITE_ICON} />
            <link rel="stylesheet" href="/demo.css" />
            <script type="module" src="/demo.js" />
          </head>
          <body>
            <div id={DEMO_ROOT_ID}>
              <DemoPage desk={null} />
            </div>
          </body>
        </html>
      )
    ).toString()}`,
  );
};
