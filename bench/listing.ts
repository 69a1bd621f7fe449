/**
 * `npm run bench:listing`: the hub only, with a real catalog. 20,000 SKUs (2,000 products x 10,
 * in 20 categories, loaded through the admin API), then a shopper opening a 50-product listing
 * page: one `GET /api/products` and the listing feed it names (`catalog:<viewId>`) over the stock
 * WebsocketProvider. Per open: bytes over HTTP and over the socket until synced (the budget is
 * 100 KB together), and the time to a live page. Then, with PAGES listing pages open, price edits
 * of a product on each page: sent -> shown in the feed (p50/p95/p99). For contrast, the bytes a
 * subscriber of the whole `catalog` room downloads on connect.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { LISTING_MAP, type ListingEntry } from '../shared/docs/listing';
import { CATALOG_MAP } from '../shared/docs/sku';
import { now, openClient, type SyncClient, withTimeout } from './clients';
import { Hub } from './hub';
import { rssBytes, untilIdle } from './procs';
import { publishResults, runInfo } from './report';
import { formatTable, kib, mib, ms, type Summary, summarize } from './stats';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 2000);
const SKUS_PER_PRODUCT = 10;
const CATEGORIES = 20;
const PAGE_SIZE = 50;
/** Listing opens measured (one after another), and pages kept open for the edit rounds. */
const OPENS = 40;
/** `BENCH_PAGES=1`: one page, its edits one after another (no queue in the local single workerd thread). */
const PAGES = Number(process.env.BENCH_PAGES ?? 20);
const EDIT_ROUNDS = 30;
const LOAD_CONCURRENCY = 8;
const BUDGET_BYTES = 100 * 1024;
const TIMEOUT_MS = 60_000;
const WORDS = ['连衣裙', '衬衫', '外套', '运动鞋', '背包', '保温杯', '耳机', '台灯', '茶叶', '围巾'];

interface Page {
  products: Array<{ productId: string; price: { min: number; max: number } | null }>;
  nextCursor: string | null;
  feed: string | null;
}

/** A WebSocket that counts the bytes of every frame it receives. */
const countingSocket = (counter: { bytes: number }) =>
  class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        counter.bytes += (event.data as ArrayBuffer).byteLength;
      });
    }
  } as unknown as typeof globalThis.WebSocket;

const load = async (hub: Hub): Promise<{ categories: string[]; skusOf: Map<string, string[]> }> => {
  const categories: string[] = [];
  for (let c = 0; c < CATEGORIES; c++) categories.push(await hub.createCategory(`类目 ${c}`));
  const skusOf = new Map<string, string[]>();
  let next = 0;
  const worker = async () => {
    while (next < PRODUCTS) {
      const i = next++;
      const created = await hub.createFullProduct({
        title: `${WORDS[i % WORDS.length]} 款 ${i}`,
        subtitle: `第 ${i} 件`,
        categoryIds: [categories[i % CATEGORIES]],
        skus: Array.from({ length: SKUS_PER_PRODUCT }, (_, k) => ({
          title: `规格 ${k}`,
          price: 5000 + ((i * 7 + k) % 300) * 10,
          stock: 100,
        })),
      });
      skusOf.set(
        created.productId,
        created.skus.map((s) => s.skuId),
      );
    }
  };
  await Promise.all(Array.from({ length: LOAD_CONCURRENCY }, worker));
  return { categories, skusOf };
};

interface Opened {
  page: Page;
  client: SyncClient;
  httpBytes: number;
  socketBytes: { bytes: number };
  ms: number;
}

const openListing = async (hub: Hub, query: string): Promise<Opened> => {
  const started = now();
  const response = await fetch(`${hub.httpUrl}/api/products?${query}`);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`listing: ${response.status} ${text}`);
  const page = JSON.parse(text) as Page;
  if (!page.feed) throw new Error('the listing named no feed');
  const socketBytes = { bytes: 0 };
  const client = openClient(
    { name: 'hub', protocol: 'y-websocket', url: hub.syncUrl, WebSocket: countingSocket(socketBytes) },
    page.feed,
    'h5',
  );
  await withTimeout(client.synced, TIMEOUT_MS, `feed ${page.feed}`);
  return { page, client, httpBytes: new TextEncoder().encode(text).byteLength, socketBytes, ms: now() - started };
};

const wholeCatalogBytes = async (hub: Hub): Promise<{ bytes: number; entries: number }> => {
  const counter = { bytes: 0 };
  const client = openClient(
    { name: 'hub', protocol: 'y-websocket', url: hub.syncUrl, WebSocket: countingSocket(counter) },
    'catalog',
    'pc',
    new Y.Doc(),
  );
  await withTimeout(client.synced, TIMEOUT_MS, 'catalog');
  const entries = client.doc.getMap(CATALOG_MAP).size;
  client.destroy();
  return { bytes: counter.bytes, entries };
};

const lineOf = (client: SyncClient, productId: string) => client.doc.getMap<ListingEntry>(LISTING_MAP).get(productId);

const untilShown = (client: SyncClient, productId: string, price: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const map = client.doc.getMap<ListingEntry>(LISTING_MAP);
    const timer = setTimeout(() => reject(new Error(`price ${price} of ${productId} never shown`)), TIMEOUT_MS);
    const check = () => {
      if (lineOf(client, productId)?.price?.min !== price) return;
      clearTimeout(timer);
      map.unobserve(check);
      resolve(now());
    };
    map.observe(check);
    check();
  });

const main = async () => {
  const info = runInfo();
  const hub = await Hub.start();
  try {
    const loadStarted = now();
    const { categories, skusOf } = await load(hub);
    const loadMs = now() - loadStarted;
    const procs = await hub.processes();
    await untilIdle([procs.worker], { timeoutMs: 30_000 });
    console.log(`loaded ${skusOf.size} products, ${skusOf.size * SKUS_PER_PRODUCT} SKUs in ${ms(loadMs / 1000)} s`);

    // Opens: each a different page (category, sort), one after another, each then closed.
    const opens: Opened[] = [];
    for (let i = 0; i < OPENS; i++) {
      const sort = ['weight', 'price_asc', 'sales', 'newest'][i % 4];
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), sort: sort as string });
      if (i % 2 === 1) query.set('q', WORDS[i % WORDS.length] as string);
      const opened = await openListing(hub, query.toString());
      opens.push(opened);
      opened.client.destroy();
    }
    const totals = opens.map((o) => o.httpBytes + o.socketBytes.bytes);
    const overBudget = totals.filter((b) => b > BUDGET_BYTES).length;

    // Edits: PAGES pages open at once (a category each), one price edit on each page per round.
    const pages: Opened[] = [];
    for (let i = 0; i < PAGES; i++) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), categoryId: categories[i % CATEGORIES] as string });
      pages.push(await openListing(hub, query.toString()));
    }
    const rssBefore = rssBytes(procs.worker);
    const latencies: number[] = [];
    const editsStarted = now();
    for (let round = 0; round < EDIT_ROUNDS; round++) {
      await Promise.all(
        pages.map(async (opened, i) => {
          const item = opened.page.products[(round * 7 + i) % opened.page.products.length];
          if (!item) throw new Error('an empty page');
          const skuId = skusOf.get(item.productId)?.[round % SKUS_PER_PRODUCT];
          if (!skuId) throw new Error(`no SKUs known for ${item.productId}`);
          // Each edit goes below every price before it (base prices start at 5000), so the page's
          // lowest price becomes exactly it.
          const price = 4000 - round * PAGES - i;
          const sent = now();
          const shown = untilShown(opened.client, item.productId, price);
          await hub.patchSku(skuId, { price });
          latencies.push((await shown) - sent);
        }),
      );
    }
    const editsMs = now() - editsStarted;
    const rssAfter = rssBytes(procs.worker);
    const whole = await wholeCatalogBytes(hub);
    for (const p of pages) p.client.destroy();

    const bytes = (values: number[]): Summary => summarize(values);
    const row = (label: string, s: Summary, unit: (v: number) => string) => [
      label,
      unit(s.p50),
      unit(s.p95),
      unit(s.p99),
      unit(s.max),
    ];
    const tables = [
      formatTable(
        `Opening a ${PAGE_SIZE}-product listing with ${skusOf.size * SKUS_PER_PRODUCT} SKUs loaded (${OPENS} opens, budget ${kib(BUDGET_BYTES)} KiB)`,
        ['', 'p50', 'p95', 'p99', 'max'],
        [
          row('HTTP answer (KiB)', bytes(opens.map((o) => o.httpBytes)), kib),
          row('feed socket until synced (KiB)', bytes(opens.map((o) => o.socketBytes.bytes)), kib),
          row('together (KiB)', bytes(totals), kib),
          row('time to a live page (ms)', summarize(opens.map((o) => o.ms)), ms),
        ],
      ),
      `over budget: ${overBudget} of ${OPENS}; the whole catalog room instead: ${kib(whole.bytes)} KiB on connect (${whole.entries} SKUs)`,
      formatTable(
        `Price edits reaching open listing pages (${PAGES} pages open, ${EDIT_ROUNDS} rounds of ${PAGES} edits)`,
        ['', 'p50', 'p95', 'p99', 'max'],
        [row('PATCH sent -> shown in the feed (ms)', summarize(latencies), ms)],
      ),
      `edits/s: ${((latencies.length / editsMs) * 1000).toFixed(1)}; workerd (Worker + DOs) RSS ${mib(rssBefore)} -> ${mib(rssAfter)} MiB`,
    ].join('\n\n');
    publishResults('listing', tables, {
      info,
      products: skusOf.size,
      skus: skusOf.size * SKUS_PER_PRODUCT,
      opens: opens.map((o) => ({ http: o.httpBytes, socket: o.socketBytes.bytes, ms: o.ms })),
      latencies,
      wholeCatalog: whole,
      rss: { before: rssBefore, after: rssAfter },
    });
    if (overBudget > 0) process.exitCode = 1;
  } finally {
    await hub.stop();
  }
};

await main();
