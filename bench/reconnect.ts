/**
 * `npm run bench:reconnect`: a reconnect storm. N SDK storefronts (`createStorefront` with the
 * Node runtime, no guest session, channels pc/h5/mini/app in turn) each keep a listing page open,
 * so each holds one socket to the catalog; then the hub restarts (wrangler dev stopped and started
 * on the same port and data, as a deploy restarts every object). Each client's socket comes back
 * on its own after its backoff (`sdk/src/backoff.ts`). Prints, from the hub going down, when
 * each socket was back (the SDK's `connection` events): a histogram per second, p50/p95/p99, the
 * largest share of clients back within any one second, reconnects/s, then one price edit and the
 * time until every page shows it (the resync worked), and memory. Exits non-zero when 90 % of
 * the clients or more came back within one second, or some never did.
 */
import { nodeRuntime } from '../sdk/src/adapters/node';
import type { Closable, ListingPage, Storefront } from '../sdk/src/index';
import { createStorefront } from '../sdk/src/storefront';
import { CHANNELS } from '../shared/channels';
import { now, withTimeout } from './clients';
import { Hub } from './hub';
import { rssBytes } from './procs';
import { publishResults, requireOpenFiles, runInfo } from './report';
import { busiestWindow, formatTable, mib, ms, summarize } from './stats';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
/** At most this many clients are opening their page at once (a fleet does not arrive in one tick). */
const CONNECT_WINDOW = 100;
const CONNECT_TIMEOUT_MS = 180_000;
/** Longer than the backoff's cap (30 s) after the hub is back, and some. */
const RECONNECT_TIMEOUT_MS = 90_000;
const EDIT_TIMEOUT_MS = 30_000;
/** Listing pages of different sizes: several feeds, each showing the benchmark's product first. */
const PAGE_SIZES = [10, 20, 30, 40];
/**
 * "Not all in the same second", allowing for stragglers. Locally much of the fleet lands together
 * around when the restarted Worker is ready, whatever the backoff (bench/README.md, reconnect).
 */
const MAX_SHARE_IN_ONE_SECOND = 0.9;
const PRICE = 8800;

/** Counts clients back after the restart, and resolves `all` with the last of them. */
class Returns {
  private count = 0;
  private resolveAll: () => void = () => undefined;
  readonly all = new Promise<void>((resolve) => {
    this.resolveAll = resolve;
  });

  constructor(private readonly expected: number) {}

  back(): void {
    this.count += 1;
    if (this.count === this.expected) this.resolveAll();
  }
}

interface Client {
  shop: Storefront;
  page: Closable<ListingPage>;
  /** Date.now() when its catalog socket went offline, and when it was online again, after the restart began. */
  droppedAt: number | null;
  backAt: number | null;
}

const channelOf = (i: number) => CHANNELS[i % CHANNELS.length] ?? 'pc';

const openClient = async (
  hub: Hub,
  i: number,
  restartBegan: () => number | null,
  returns: Returns,
): Promise<Client> => {
  const shop = createStorefront({ url: hub.httpUrl, channel: channelOf(i), runtime: nodeRuntime(), guest: false });
  const client: Client = { shop, page: undefined as unknown as Closable<ListingPage>, droppedAt: null, backAt: null };
  shop.on('connection', (socket, state) => {
    const began = restartBegan();
    if (socket !== 'catalog' || began === null) return;
    if (state === 'offline' && client.droppedAt === null) client.droppedAt = Date.now();
    if (state === 'online' && client.backAt === null) {
      client.backAt = Date.now();
      returns.back();
    }
  });
  await shop.ready;
  client.page = await shop.catalog.list({ sort: 'newest', limit: PAGE_SIZES[i % PAGE_SIZES.length] });
  return client;
};

const connectAll = async (hub: Hub, restartBegan: () => number | null, returns: Returns): Promise<Client[]> => {
  const clients: Client[] = [];
  let next = 0;
  const lane = async () => {
    while (next < CLIENTS) clients.push(await openClient(hub, next++, restartBegan, returns));
  };
  await withTimeout(
    Promise.all(Array.from({ length: Math.min(CONNECT_WINDOW, CLIENTS) }, lane)),
    CONNECT_TIMEOUT_MS,
    `${CLIENTS} storefronts to open their listing`,
  );
  return clients;
};

/** Resolves with when each page first shows `price` for `productId`. */
const shownAt = (clients: Client[], productId: string, price: number): Promise<number[]> =>
  Promise.all(
    clients.map(
      (c) =>
        new Promise<number>((resolve) => {
          const shows = (page: ListingPage) =>
            page.products.some((p) => p.productId === productId && p.price?.min === price);
          if (shows(c.page.get())) {
            resolve(now());
            return;
          }
          const off = c.page.subscribe((page) => {
            if (!shows(page)) return;
            off();
            resolve(now());
          });
        }),
    ),
  );

const main = async () => {
  requireOpenFiles(CLIENTS * 2 + 500);
  const info = runInfo();
  console.log(`bench:reconnect: ${CLIENTS} SDK storefronts (Node runtime), each with a listing page open`);
  const hub = await Hub.start();
  try {
    const [sku] = await hub.createProduct('Reconnect bench 帆布包', [{ title: 'One size', price: 9900, stock: 100 }]);
    if (!sku) throw new Error('product created without a SKU');
    let restartBegan: number | null = null;
    const connectStarted = now();
    const returns = new Returns(CLIENTS);
    const clients = await connectAll(hub, () => restartBegan, returns);
    const connectMs = now() - connectStarted;
    const before = await hub.processes();
    const memoryBefore = { worker: rssBytes(before.worker), bench: process.memoryUsage().rss };
    console.log(`  ${clients.length} clients connected in ${ms(connectMs)} ms; restarting the hub...`);

    restartBegan = Date.now();
    const { stoppedAt, backAt } = await hub.restart();
    console.log(
      `  hub stopped after ${stoppedAt - restartBegan} ms, answering again after ${backAt - restartBegan} ms`,
    );
    let error: string | undefined;
    try {
      await withTimeout(returns.all, RECONNECT_TIMEOUT_MS, 'every client to reconnect');
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    // From the moment the hub was gone: the health check answers late in a storm (the Worker is busy with it).
    const back = clients.flatMap((c) => (c.backAt === null ? [] : [c.backAt - stoppedAt]));
    const dropped = clients.filter((c) => c.droppedAt !== null).length;
    const after = await hub.processes();

    const editSent = now();
    const shown = shownAt(clients, sku.productId, PRICE);
    await hub.patchSku(sku.skuId, { price: PRICE });
    const shownTimes = await withTimeout(shown, EDIT_TIMEOUT_MS, 'every page to show the edit after the storm');
    const editLatencies = shownTimes.map((t) => t - editSent);
    const memoryAfter = { worker: rssBytes(after.worker), bench: process.memoryUsage().rss };

    const histogram = new Map<number, number>();
    for (const t of back) histogram.set(Math.floor(t / 1000), (histogram.get(Math.floor(t / 1000)) ?? 0) + 1);
    const seconds = [...histogram.keys()].sort((a, b) => a - b);
    const sorted = [...back].sort((a, b) => a - b);
    const busiest = busiestWindow(back, 1000);
    const busiestBucket = Math.max(0, ...histogram.values());
    const spanMs = (sorted.at(-1) ?? 0) - (sorted[0] ?? 0);
    const summary = summarize(back);
    const bar = (count: number) => '#'.repeat(Math.round((count / CLIENTS) * 100));
    const tables = [
      formatTable(
        `Sockets back after the hub restarted (${CLIENTS} clients; s from the hub going down; its health check answered again at ${ms((backAt - stoppedAt) / 1000)} s)`,
        ['second', 'clients', 'share', ''],
        seconds.map((s) => {
          const count = histogram.get(s) ?? 0;
          return [`${s}..${s + 1}`, count, `${((count / CLIENTS) * 100).toFixed(1)}%`, bar(count)];
        }),
      ),
      formatTable(
        'Time to reconnected (from the hub going down), ms; reconnects/s over first to last back',
        ['clients back', 'dropped', 'p50', 'p95', 'p99', 'max', 'busiest second', 'busiest 1 s window', 'reconnects/s'],
        [
          [
            `${back.length}/${CLIENTS}`,
            dropped,
            ms(summary.p50),
            ms(summary.p95),
            ms(summary.p99),
            ms(summary.max),
            `${((busiestBucket / CLIENTS) * 100).toFixed(1)}%`,
            `${((busiest / CLIENTS) * 100).toFixed(1)}%`,
            (back.length / (spanMs / 1000)).toFixed(1),
          ],
        ],
      ),
      formatTable(
        'One price edit after the storm: PATCH sent -> shown on every listing page, ms',
        ['pages', 'p50', 'p95', 'p99', 'max'],
        [
          [
            editLatencies.length,
            ms(summarize(editLatencies).p50),
            ms(summarize(editLatencies).p95),
            ms(summarize(editLatencies).p99),
            ms(summarize(editLatencies).max),
          ],
        ],
      ),
      formatTable(
        'Resident memory (RSS), MiB',
        ['process', `${CLIENTS} connected`, 'after the storm'],
        [
          ['workerd (Worker + DOs)', mib(memoryBefore.worker), mib(memoryAfter.worker)],
          [`bench (${CLIENTS} SDK clients)`, mib(memoryBefore.bench), mib(memoryAfter.bench)],
        ],
      ),
      `connect: ${ms(connectMs)} ms for ${CLIENTS} clients${error ? `\nSTOPPED: ${error}` : ''}`,
    ].join('\n\n');
    publishResults('reconnect', tables, {
      info,
      config: { clients: CLIENTS, connectWindow: CONNECT_WINDOW, pageSizes: PAGE_SIZES },
      restart: { restartBegan, stoppedAt, backAt },
      backMs: back,
      editLatencies,
      memory: { before: memoryBefore, after: memoryAfter },
      busiestBucket,
      busiestWindow: busiest,
    });
    for (const c of clients) {
      c.page.close();
      c.shop.close();
    }
    if (error || busiest / CLIENTS > MAX_SHARE_IN_ONE_SECOND) process.exitCode = 1;
  } catch (failure) {
    console.error(`--- wrangler dev output ---\n${hub.logs()}`);
    throw failure;
  } finally {
    await hub.stop();
  }
};

await main();
// Undici's keep-alive pool would hold the process open.
process.exit(process.exitCode ?? 0);
