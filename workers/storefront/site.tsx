import { type Context, Hono } from 'hono';
import type { CategoryNode } from '../../shared/api/categories';
import { productListQuery } from '../../shared/api/products';
import { CHANNELS, type Channel } from '../../shared/channels';
import type { PageData, PageEnvelope } from '../../web/storefront/pageData';
import { CHANNEL_BASE, pathsOf } from '../../web/storefront/paths';
import { Site } from '../../web/storefront/Site';
import { categoryTree } from '../catalog/categoryTree';
import { listedProducts } from '../catalog/records/productReads';
import { SHOPPER_CACHE } from '../edge/httpCache';
import type { HubEnv } from '../edge/hubEnv';
import { database } from '../records/db';
import { demoPage } from './demo';
import { type PageHead, StorefrontDocument } from './document';
import { pageLoads } from './pageLoads';
import { plainText, productJsonLd, robotsTxt, sitemapXml } from './seo';

const PC = pathsOf('pc');
const SITE_DESCRIPTION =
  'mallsync: one mall on PC, H5, the WeChat mini-program and the App, with prices and stock live.';

/** The head of each page: titles for people, the PC address as canonical for search engines. */
const headOf = (origin: string, data: PageData): PageHead => {
  const site = { description: SITE_DESCRIPTION, canonical: `${origin}${PC.home}` };
  switch (data.page) {
    case 'home':
      return { ...site, title: 'mallsync · one mall on every screen' };
    case 'category':
      return {
        ...site,
        title: `${data.category.name} · mallsync`,
        canonical: `${origin}${PC.category(data.category.id)}`,
      };
    case 'search':
      return { ...site, title: data.q ? `“${data.q}” · mallsync` : 'All products · mallsync', noindex: data.q !== '' };
    case 'product': {
      const canonical = `${origin}${PC.product(data.product.productId)}`;
      return {
        title: `${data.product.title} · mallsync`,
        description: plainText(data.product.description || data.product.subtitle) || data.product.title,
        canonical,
        image: data.product.images[0]?.url ?? null,
        type: 'product',
        jsonLd: productJsonLd(data.product, canonical),
      };
    }
    case 'notFound':
      return { ...site, title: 'Not found · mallsync', noindex: true };
    default:
      return { ...site, title: 'mallsync', noindex: true };
  }
};

const render = (c: Context<HubEnv>, channel: Channel, data: PageData | null) => {
  const origin = new URL(c.req.url).origin;
  const page = data ?? { page: 'notFound' as const };
  const envelope: PageEnvelope = { channel, origin, data: page };
  const catalogPage = ['home', 'category', 'search', 'product'].includes(page.page);
  c.header('Cache-Control', catalogPage ? SHOPPER_CACHE : 'private, no-cache');
  return c.html(
    `<!doctype html>${(
      (
        <StorefrontDocument envelope={envelope} head={headOf(origin, page)}>
          <Site envelope={envelope} storefront={null} />
        </StorefrontDocument>
      )
    ).toString()}`,
    data ? 200 : 404,
  );
};

const searchQuery = productListQuery.pick({ q: true });

/** One channel's storefront pages under its prefix (`web/storefront/paths.ts`). */
const channelPages = (channel: Channel) => {
  const origin = (c: Context) => new URL(c.req.url).origin;
  // The shopper's own pages show the category menu only in the PC frame: the phone frames never read it.
  const menu = (c: Context<HubEnv>) => (channel === 'pc' ? categoryTree(c.env) : Promise.resolve([]));
  return new Hono<HubEnv>()
    .get('/', async (c) => render(c, channel, await pageLoads.home(c.env, origin(c))))
    .get('/category', async (c) => render(c, channel, await pageLoads.category(c.env, origin(c), null)))
    .get('/category/:categoryId', async (c) =>
      render(c, channel, await pageLoads.category(c.env, origin(c), c.req.param('categoryId'))),
    )
    .get('/search', async (c) => {
      const parsed = searchQuery.safeParse({ q: c.req.query('q') || undefined });
      return render(c, channel, await pageLoads.search(c.env, origin(c), parsed.success ? (parsed.data.q ?? '') : ''));
    })
    .get('/product/:productId', async (c) =>
      render(c, channel, await pageLoads.product(c.env, origin(c), c.req.param('productId'))),
    )
    .get('/cart', async (c) => render(c, channel, { page: 'cart', categories: await menu(c) }))
    .get('/checkout', async (c) => render(c, channel, { page: 'checkout', categories: await menu(c) }))
    .get('/orders', async (c) => render(c, channel, { page: 'orders', categories: await menu(c) }))
    .get('/orders/:orderId', async (c) =>
      render(c, channel, { page: 'order', categories: await menu(c), orderId: c.req.param('orderId') }),
    )
    .get('/me', async (c) => render(c, channel, { page: 'me', categories: await menu(c) }))
    .get('/login', async (c) =>
      render(c, channel, {
        page: 'login',
        categories: await menu(c),
        next: safeNext(c.req.query('next'), channel),
      }),
    );
};

/** Where a login goes afterwards: a page of the same storefront only, never another site. */
const safeNext = (next: string | undefined, channel: Channel): string => {
  const home = pathsOf(channel).home;
  if (!next?.startsWith('/') || next.startsWith('//')) return home;
  const base = CHANNEL_BASE[channel];
  return base === '' || next === base || next.startsWith(`${base}/`) ? next : home;
};

/**
 * The storefronts every shopper meets: the PC mall at `/`, H5 at `/h5`, the mini-program's pages
 * in their H5 form at `/mini`, the App at `/app`; rendered here, then live through the SDK. Also
 * what search engines read: `sitemap.xml` and `robots.txt`; and the four-channel demo at `/demo`.
 */
export const storefrontSite = new Hono<HubEnv>()
  .get('/demo', demoPage)
  .get('/robots.txt', (c) => c.text(robotsTxt(new URL(c.req.url).origin)))
  .get('/sitemap.xml', async (c) => {
    const origin = new URL(c.req.url).origin;
    const [categories, products] = await Promise.all([categoryTree(c.env), listedProducts(database(c.env.DB))]);
    const categoryIds = (nodes: CategoryNode[]): string[] => nodes.flatMap((n) => [n.id, ...categoryIds(n.children)]);
    c.header('Content-Type', 'application/xml; charset=utf-8');
    return c.body(
      sitemapXml([
        { loc: `${origin}${PC.home}` },
        ...categoryIds(categories).map((id) => ({ loc: `${origin}${PC.category(id)}` })),
        ...products.map((p) => ({ loc: `${origin}${PC.product(p.id)}`, lastmod: p.updatedAt })),
      ]),
    );
  });

for (const channel of CHANNELS) {
  const base = CHANNEL_BASE[channel];
  storefrontSite.route(base || '/', channelPages(channel));
  if (!base) continue;
  // The front page with the folder's slash too: the App's start URL and service-worker scope is `/app/`.
  storefrontSite.get(`${base}/`, async (c) =>
    render(c, channel, await pageLoads.home(c.env, new URL(c.req.url).origin)),
  );
  storefrontSite.get(`${base}/*`, (c) => render(c, channel, null));
}
