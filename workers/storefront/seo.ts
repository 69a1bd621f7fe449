import type { ProductAnswer } from '../../shared/api/productViews';

/** The words of a product's description without its markup (it is sanitized HTML: `catalog/rules/richText.ts`). */
export const plainText = (html: string, max = 160): string => {
  // Block ends part words; inline tags sit inside a sentence ("<strong>linen</strong>,").
  const text = html
    .replace(/<(?:br|hr|img|\/(?:p|div|li|h[1-6]|tr|td|th|blockquote|ul|ol|table))\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

const yuanAmount = (fen: number) => (fen / 100).toFixed(2);

/**
 * A product as search engines read it (schema.org `Product`): one `Offer` for a single price, an
 * `AggregateOffer` for a range; availability from the live stock the page was rendered with.
 */
export const productJsonLd = (product: ProductAnswer, url: string) => {
  const buyable = product.skus.filter((s) => s.listed);
  const availability = product.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock';
  const price = product.price;
  const offers =
    price === null
      ? undefined
      : price.min === price.max
        ? { '@type': 'Offer', url, priceCurrency: 'CNY', price: yuanAmount(price.min), availability }
        : {
            '@type': 'AggregateOffer',
            url,
            priceCurrency: 'CNY',
            lowPrice: yuanAmount(price.min),
            highPrice: yuanAmount(price.max),
            offerCount: buyable.length,
            availability,
          };
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: plainText(product.description || product.subtitle, 500) || product.title,
    sku: buyable[0]?.skuId ?? product.productId,
    image: product.images.map((i) => i.url),
    ...(offers ? { offers } : {}),
  };
};

/** JSON inside a `<script>`: `<` escaped, so no text of a product can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sitemaps.org document of the given addresses. */
export const sitemapXml = (entries: Array<{ loc: string; lastmod?: number }>): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map(
      (e) =>
        `<url><loc>${xmlEscape(e.loc)}</loc>${e.lastmod ? `<lastmod>${new Date(e.lastmod).toISOString()}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');

/** Crawlers may read the PC mall's pages; the shopper's own pages, the phone copies and the API are not for them. */
export const robotsTxt = (origin: string): string =>
  [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /sync',
    'Disallow: /cart',
    'Disallow: /checkout',
    'Disallow: /orders',
    'Disallow: /me',
    'Disallow: /login',
    'Disallow: /demo',
    'Disallow: /monitor',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
