import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/channels';
import { pathsOf } from '../web/storefront/paths';

const page = async (path: string) => {
  const response = await SELF.fetch(`http://hub${path}`);
  return { response, html: await response.text() };
};

describe('the shopper’s own pages, as the Worker renders them', () => {
  for (const channel of CHANNELS) {
    const paths = pathsOf(channel);
    const pages = [paths.cart, paths.checkout, paths.orders, paths.order('ord_shared'), paths.me];

    it(`on ${channel}: each page arrives as its channel’s frame with a loading state, private and kept out of search`, async () => {
      for (const path of pages) {
        const { response, html } = await page(path);
        expect(response.status, path).toBe(200);
        expect(response.headers.get('Cache-Control'), path).toBe('private, no-cache');
        expect(html, path).toContain('<meta name="robots" content="noindex"/>');
        expect(html, path).toContain(channel === 'pc' ? 'class="pc-header"' : 'class="tab-bar"');
        expect(html, path).toContain('aria-busy="true"');
      }
    });

    it(`on ${channel}: the login page goes back to a page of this storefront only`, async () => {
      const back = await page(paths.login(paths.order('ord_shared')));
      expect(back.html).toContain(`"next":"${paths.order('ord_shared')}"`);
      const away = await page(paths.login('https://elsewhere.example/steal'));
      expect(away.html).toContain(`"next":"${paths.home}"`);
      expect(away.html).toContain('Continue with WeChat');
    });
  }
});
