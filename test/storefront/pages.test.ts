import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SKU_MAP } from '../../shared/docs/sku';
import type { PageEnvelope } from '../../web/storefront/pageData';
import { createSale } from '../support/flashSales';
import { admin } from '../support/hub';
import { newCategory, productPriced, uploadImage } from '../support/products';
import { RoomClient } from '../support/roomClient';

/**
 * The storefront pages as the Worker renders them (`workers/storefront/site.tsx`): what a search
 * engine, a link preview or a browser without JavaScript reads before anything goes live.
 */
const page = async (path: string) => {
  const response = await SELF.fetch(`http://hub${path}`);
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
};

const scriptOf = (html: string, type: string, id?: string): unknown => {
  const attributes = id ? `type="${type}" id="${id}"` : `type="${type}"`;
  const start = html.indexOf(`<script ${attributes}>`);
  const body = start < 0 ? null : html.slice(start + attributes.length + 9, html.indexOf('</script>', start));
  if (body === null) throw new Error(`no <script ${attributes}> in the page`);
  return JSON.parse(body);
};

const envelopeOf = (html: string) => scriptOf(html, 'application/json', 'page-data') as PageEnvelope;
const metaOf = (html: string, property: string) =>
  html.match(new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`))?.[1] ?? null;
const canonicalOf = (html: string) => html.match(/<link rel="canonical" href="([^"]*)"/)?.[1] ?? null;

describe('server-rendered storefront pages', () => {
  it('renders a product page whole: title, price, picture, canonical address, Open Graph and a JSON-LD Product', async () => {
    const category = await newCategory('页面 Pages');
    const picture = await uploadImage('pages-tee');
    const product = await productPriced('Linen shirt 亚麻衬衫', [12900, 15900], {
      categoryIds: [category.id],
      images: [picture.imageId],
      description: '<p>Washed <strong>linen</strong>, relaxed fit.</p>',
    });

    const { status, type, html } = await page(`/product/${product.productId}`);

    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(html).toContain('<title>Linen shirt 亚麻衬衫 · mallsync</title>');
    expect(html).toContain('<h1 class="product-title">Linen shirt 亚麻衬衫</h1>');
    // The first SKU is chosen; the other is one tap away.
    expect(html).toContain('¥129.00');
    expect(html).toContain('No. 1</button>');
    expect(html).toContain(picture.url);
    expect(canonicalOf(html)).toBe(`http://hub/product/${product.productId}`);
    expect(metaOf(html, 'og:title')).toBe('Linen shirt 亚麻衬衫 · mallsync');
    expect(metaOf(html, 'og:type')).toBe('product');
    expect(metaOf(html, 'og:image')).toBe(picture.url);
    expect(metaOf(html, 'description')).toBe('Washed linen, relaxed fit.');
    expect(scriptOf(html, 'application/ld+json')).toEqual({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Linen shirt 亚麻衬衫',
      description: 'Washed linen, relaxed fit.',
      sku: expect.any(String),
      image: [picture.url],
      offers: {
        '@type': 'AggregateOffer',
        url: `http://hub/product/${product.productId}`,
        priceCurrency: 'CNY',
        lowPrice: '129.00',
        highPrice: '159.00',
        offerCount: 2,
        availability: 'https://schema.org/InStock',
      },
    });
    // The browser takes over from the same data, and opens the feed the page names.
    const envelope = envelopeOf(html);
    expect(envelope.channel).toBe('pc');
    expect(envelope.data.page === 'product' && envelope.data.product.feed).toMatch(/^catalog:/);
  });

  it('renders a price the operator just changed, and a sold-out product as out of stock', async () => {
    const product = await productPriced('Wool socks', [1900]);
    const skuId = product.skus[0]?.skuId;
    expect((await admin('PATCH', `/api/admin/skus/${skuId}`, { price: 1500, stock: 0 })).status).toBe(200);

    const { html } = await page(`/product/${product.productId}`);

    expect(html).toContain('¥15.00');
    expect(html).not.toContain('¥19.00');
    expect(scriptOf(html, 'application/ld+json')).toMatchObject({
      offers: { '@type': 'Offer', price: '15.00', availability: 'https://schema.org/OutOfStock' },
    });
  });

  it('gives each phone storefront its own theme and links, and the PC page as the canonical one', async () => {
    const product = await productPriced('Canvas tote', [5900]);
    for (const [prefix, channel] of [
      ['/h5', 'h5'],
      ['/mini', 'mini'],
      ['/app', 'app'],
    ] as const) {
      const { status, html } = await page(`${prefix}/product/${product.productId}`);
      expect(status).toBe(200);
      expect(html).toContain(`<html lang="zh-CN" data-theme="${channel}">`);
      expect(html).toContain(`href="${prefix}/cart"`);
      expect(canonicalOf(html)).toBe(`http://hub/product/${product.productId}`);
      expect(envelopeOf(html).channel).toBe(channel);
    }
    expect((await page('/app/')).html).toContain('<link rel="manifest" href="/app/manifest.webmanifest"/>');
  });

  it('shows a flash sale only on the channels it is for, in the listing and on the product page', async () => {
    const product = await productPriced('Silk scarf', [29900]);
    const skuId = product.skus[0]?.skuId ?? '';
    const room = await RoomClient.connect(`sku:${skuId}`, 'pc');
    await createSale({
      name: '会员日',
      skuIds: [skuId],
      price: 19900,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + 600_000,
      channels: ['mini', 'app'],
    });
    await room.until(() => room.doc.getMap(SKU_MAP).get('flash') != null, 'the sale in the SKU room');
    room.close();

    for (const [prefix, shown] of [
      ['', false],
      ['/h5', false],
      ['/mini', true],
      ['/app', true],
    ] as const) {
      const productPage = (await page(`${prefix}/product/${product.productId}`)).html;
      const listing = (await page(`${prefix}/search?q=${encodeURIComponent('Silk scarf')}`)).html;
      expect({
        prefix,
        productPage: productPage.includes('Flash · 会员日'),
        listing: listing.includes('¥199.00'),
      }).toEqual({ prefix, productPage: shown, listing: shown });
    }
    // The listing says which channels a sale is for, so any storefront can tell.
    const answer = await (await SELF.fetch(`http://hub/api/products?q=${encodeURIComponent('Silk scarf')}`)).json<{
      products: Array<{ flash: unknown }>;
    }>();
    expect(answer.products[0]?.flash).toEqual({
      price: 19900,
      startsAt: expect.any(Number),
      endsAt: expect.any(Number),
      channels: ['mini', 'app'],
    });
  });

  it('keeps a product title from breaking out of the page scripts', async () => {
    const product = await productPriced('</script><script>alert(1)</script>', [100]);
    const { html } = await page(`/product/${product.productId}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(envelopeOf(html).data).toMatchObject({ product: { title: '</script><script>alert(1)</script>' } });
  });

  it('lists a category with everything under it, and answers the home page with the listed products', async () => {
    const parent = await newCategory('家居 Home');
    const child = await newCategory('厨房 Kitchen', parent.id);
    await productPriced('Enamel mug', [3900], { categoryIds: [child.id] });
    await productPriced('Hidden draft mug', [3900], { categoryIds: [child.id], status: 'draft' });

    const category = await page(`/category/${parent.id}`);
    expect(category.status).toBe(200);
    expect(category.html).toContain('Enamel mug');
    expect(category.html).not.toContain('Hidden draft mug');
    expect(category.html).toContain(`href="/category/${child.id}"`);
    expect(canonicalOf(category.html)).toBe(`http://hub/category/${parent.id}`);

    const home = await page('/');
    expect(home.status).toBe(200);
    expect(home.html).toContain('href="/h5"');
    expect(home.html).toContain('href="/demo"');
    expect(home.html).toContain('href="/monitor"');
  });

  it('searches by the words in the URL, and treats a query it cannot take as no query', async () => {
    await productPriced('Bamboo toothbrush 竹牙刷', [900]);
    const found = await page(`/h5/search?q=${encodeURIComponent('竹牙刷')}`);
    expect(found.html).toContain('Bamboo toothbrush 竹牙刷');
    expect(metaOf(found.html, 'robots')).toBe('noindex');

    const tooLong = await page(`/search?q=${'x'.repeat(80)}`);
    expect(tooLong.status).toBe(200);
    expect(envelopeOf(tooLong.html).data).toMatchObject({ page: 'search', q: '' });
  });

  it('answers an unknown product or page with the storefront’s own 404 page, and the API with its error shape', async () => {
    for (const path of ['/product/prd_nope', '/h5/product/prd_nope', '/category/cat_nope', '/mini/no-such-page']) {
      const { status, type, html } = await page(path);
      expect({ path, status, type }).toEqual({ path, status: 404, type: expect.stringContaining('text/html') });
      expect(html).toContain('This page is not here');
    }
    const api = await SELF.fetch('http://hub/api/nope');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nope' } });
  });

  it('sends a login only to a page of the same storefront', async () => {
    const next = async (path: string) => {
      const data = envelopeOf((await page(path)).html).data;
      return data.page === 'login' ? data.next : null;
    };
    expect(await next('/login?next=%2Forders%2Ford_1')).toBe('/orders/ord_1');
    expect(await next('/h5/login?next=%2Fh5%2Forders%2Ford_1')).toBe('/h5/orders/ord_1');
    expect(await next('/h5/login?next=%2Forders')).toBe('/h5');
    expect(await next('/login?next=https%3A%2F%2Fevil.example')).toBe('/');
    // The App's home is `/app/`, inside its service worker's scope.
    expect(await next('/app/login?next=%2F%2Fevil.example')).toBe('/app/');
  });

  it('tells search engines what to index: a sitemap of listed products and categories, robots naming it', async () => {
    const category = await newCategory('地图 Sitemap');
    const listed = await productPriced('Sitemap lamp', [19900], { categoryIds: [category.id] });
    const draft = await productPriced('Sitemap draft', [100], { status: 'draft' });

    const sitemap = await SELF.fetch('http://hub/sitemap.xml');
    expect(sitemap.headers.get('content-type')).toContain('application/xml');
    const xml = await sitemap.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain(`<loc>http://hub/product/${listed.productId}</loc>`);
    expect(xml).toContain(`<loc>http://hub/category/${category.id}</loc>`);
    expect(xml).not.toContain(draft.productId);

    const robots = await (await SELF.fetch('http://hub/robots.txt')).text();
    expect(robots).toContain('Sitemap: http://hub/sitemap.xml');
    expect(robots).toContain('Disallow: /api/');
  });
});
