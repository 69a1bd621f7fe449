/**
 * `npm run bench:flash`: 1,000 logged-in shoppers (phone logins, development SMS code, channels
 * pc/h5/mini/app in turn) press "buy" on one hot SKU in a live flash sale at the same moment:
 * 1,000 concurrent `POST /api/orders` over HTTP against `wrangler dev`. Three rounds,
 * each on a fresh SKU: the buyers' first order ever (their member rooms are created on the way),
 * then, with those rooms live as they are for shoppers in the app, stock 100 (nine in ten buyers
 * are refused) and stock 1,000 (every buyer gets one). Per round: order-creation latency p50/p95/p99 (request sent -> answer), successful
 * reservations per second (201s / time from the first request sent to the last answer), and the
 * checks that matter: oversold (units sold beyond the stock; must be 0), the room's stock, D1's
 * stock and order count once D1 has caught up with the room's stock and every 201 (orders reach
 * D1 through their member's order outbox, after the answer), and by when it had, read from
 * outside. CPU per order is the workerd process running the Worker and its objects, in ms per
 * answer: while the orders are answered, and until D1 has caught up (the outboxes' flushes too).
 *
 * The same three rounds then run against the runtime's floor for this workload (bench/floor/:
 * the same hops with nothing else, bare Durable Objects, `POST /orders`): the Worker calls the
 * buyer's object, which reserves on the hot SKU's object and queues the order in its outbox for
 * D1. A second table gives the hub over the floor per round. `BENCH_SERVERS=hub` or `=floor`
 * runs one of them.
 * `BENCH_PROFILE=1` also takes a CPU profile of the last round, prints where its CPU went by
 * function and saves it as `bench/results/flash.cpuprofile` (the floor's as
 * `flash-floor.cpuprofile`; both open in Chrome DevTools).
 */
import { CHANNELS, type Channel } from '../shared/channels';
import { phoneLogin } from '../test/e2e/support/hubApi';
import { WranglerDev } from '../test/e2e/support/wranglerDev';
import { now, withTimeout } from './clients';
import { type Inspected, saveProfile, startProfiling, summarizeProfile } from './cpuProfile';
import { Hub } from './hub';
import { cpuTicks, TICKS_PER_SECOND, untilIdle, wranglerProcesses } from './procs';
import { publishResults, requireOpenFiles, runInfo } from './report';
import { formatTable, ms, ratio, type Summary, summarize, times } from './stats';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 1000);
const PROFILE = process.env.BENCH_PROFILE === '1';
const HUB = 'hub';
/** bench/floor/: the same hops as the hub's order, bare objects and nothing else. */
const FLOOR = 'floor (bare DOs)';
/** `BENCH_SERVERS` names: what each starts. */
const SERVER_NAMES = { hub: HUB, floor: FLOOR } as const;
const SERVERS = (process.env.BENCH_SERVERS ?? 'hub,floor')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
  .map((s) => {
    if (!(s in SERVER_NAMES)) throw new Error(`BENCH_SERVERS: unknown server ${s} (hub, floor)`);
    return s as keyof typeof SERVER_NAMES;
  });
/** Each round: whether the buyers' member rooms exist yet, and the hot SKU's stock. */
const ROUNDS = [
  { rooms: 'cold', stock: BUYERS },
  { rooms: 'warm', stock: 100 },
  { rooms: 'warm', stock: BUYERS },
] as const;
const PRICE = 9900;
const FLASH_PRICE = 990;
/** Logins run this many at a time: they are set-up, not what is measured. */
const LOGIN_CONCURRENCY = 50;
const REQUEST_TIMEOUT_MS = 120_000;
/** How long D1 may take to show the room's stock and the orders before the round reports it as not converged. */
const CONVERGE_TIMEOUT_MS = 30_000;
/** The floor answers D1's figures itself, in a millisecond or two: read them this often. */
const FLOOR_D1_POLL_MS = 25;

/** A logged-in member; its token's channel is the channel its orders are placed on. */
interface Buyer {
  token: string;
}

interface Attempt {
  status: number;
  code: string | null;
  latency: number;
}

interface Round {
  rooms: string;
  stock: number;
  attempts: Attempt[];
  wallMs: number;
  sold: number;
  roomStock: number;
  d1Stock: number;
  d1Orders: number;
  convergedMs: number;
  /** CPU of the Worker's workerd per answer, in ms: while answering, and until D1 had caught up. */
  cpuMsPerOrder: number;
  cpuMsPerOrderCaughtUp: number;
}

/** What a round needs of a server: the hub, or the floor. */
interface FlashTarget {
  /** Its `server` column. */
  name: string;
  /** workerd running the Worker and its objects (its CPU is measured), and wrangler's dev proxy. */
  worker: number;
  proxy: number;
  /** For BENCH_PROFILE: its inspector and build, and where its profile is saved (under results/). */
  inspected: Inspected;
  profileFile: string;
  /** Pause between two reads of D1 while waiting for it to catch up (0: read again at once). */
  d1PollMs: number;
  /** A fresh hot SKU with `stock`; its id. */
  hotSku(stock: number): Promise<string>;
  /** Buyer number `buyer` (0 … BUYERS - 1) orders one unit of the SKU, with a key of its own. */
  buy(buyer: number, skuId: string): Promise<Attempt>;
  /** The SKU's stock as its object holds it. */
  roomStock(skuId: string): Promise<number>;
  /** D1's stock of the SKU and how many orders it has of it. */
  d1Figures(skuId: string): Promise<{ stock: number; orders: number }>;
  stop(): Promise<void>;
}

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });

/** One order: request sent -> answer read. */
const order = async (url: string, body: unknown, headers: Record<string, string>): Promise<Attempt> => {
  const started = now();
  const response = await post(url, body, headers);
  const answer = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: answer.error?.code ?? null, latency: now() - started };
};

const login = async (hub: Hub, index: number): Promise<Buyer> => {
  const channel = CHANNELS[index % CHANNELS.length] as Channel;
  const session = await phoneLogin(hub, `+86137${String(index).padStart(8, '0')}`, channel);
  return { token: session.token };
};

const loginAll = async (hub: Hub): Promise<Buyer[]> => {
  const buyers: Buyer[] = [];
  for (let start = 0; start < BUYERS; start += LOGIN_CONCURRENCY) {
    const batch = Array.from({ length: Math.min(LOGIN_CONCURRENCY, BUYERS - start) }, (_, i) => login(hub, start + i));
    buyers.push(...(await Promise.all(batch)));
  }
  return buyers;
};

/** A fresh SKU with `stock`, in a flash sale running now on every channel, one per member. */
const hotSku = async (hub: Hub, stock: number): Promise<string> => {
  const [sku] = await hub.createProduct(`Flash ${stock}`, [{ title: 'Hot', price: PRICE, stock }]);
  if (!sku) throw new Error('no SKU created');
  const startsAt = Date.now();
  await hub.createFlashSale({
    name: `Flash ${stock}`,
    skuIds: [sku.skuId],
    price: FLASH_PRICE,
    startsAt,
    endsAt: startsAt + 3_600_000,
    channels: 'all',
    perMemberLimit: 1,
  });
  return sku.skuId;
};

/** D1's stock of the SKU and how many orders it has of it. */
const d1Figures = async (hub: Hub, skuId: string): Promise<{ stock: number; orders: number }> => {
  const [row] = await hub.queryD1<{ stock: number; orders: number }>(
    `SELECT (SELECT stock FROM skus WHERE id = '${skuId}') AS stock,
       (SELECT COUNT(DISTINCT order_id) FROM order_items WHERE sku_id = '${skuId}') AS orders`,
  );
  return { stock: row?.stock ?? Number.NaN, orders: row?.orders ?? Number.NaN };
};

/** The hub, started on a fresh seeded D1, with BUYERS members logged in. */
const startHub = async (): Promise<FlashTarget> => {
  const hub = await Hub.start();
  try {
    const { proxy, worker } = await hub.processes();
    console.log(`logging in ${BUYERS} buyers...`);
    const buyers = await loginAll(hub);
    return {
      name: HUB,
      worker,
      proxy,
      inspected: hub.inspected,
      profileFile: 'flash.cpuprofile',
      d1PollMs: 0,
      hotSku: (stock) => hotSku(hub, stock),
      buy: (buyer, skuId) =>
        order(
          `${hub.httpUrl}/api/orders`,
          { items: [{ skuId, qty: 1 }] },
          { Authorization: `Bearer ${buyers[buyer]?.token}`, 'Idempotency-Key': crypto.randomUUID() },
        ),
      roomStock: async (skuId) => (await hub.getSku(skuId)).stock,
      d1Figures: (skuId) => d1Figures(hub, skuId),
      stop: () => hub.stop(),
    };
  } catch (error) {
    await hub.stop();
    throw error;
  }
};

/** bench/floor/ under its own `wrangler dev` (fresh persistence directory), its D1 tables created. */
const startFloor = async (): Promise<FlashTarget> => {
  const dev = await WranglerDev.create({ config: 'bench/floor/wrangler.toml' });
  const call = async <T>(method: string, path: string, expected: number, body?: unknown): Promise<T> => {
    const response = await fetch(`${dev.httpUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status !== expected)
      throw new Error(`floor ${method} ${path}: expected ${expected}, got ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  try {
    await dev.start();
    const { proxy, worker } = await wranglerProcesses(dev.port, (body) => body === 'ok');
    await call('POST', '/setup', 204);
    let skus = 0;
    return {
      name: FLOOR,
      worker,
      proxy,
      inspected: { inspectorPort: dev.inspectorPort, buildDir: 'bench/floor/.wrangler/tmp' },
      profileFile: 'flash-floor.cpuprofile',
      d1PollMs: FLOOR_D1_POLL_MS,
      hotSku: async (stock) => {
        skus += 1;
        const skuId = `flash-${skus}-${stock}`;
        await call('POST', '/skus', 201, { skuId, stock });
        return skuId;
      },
      buy: (buyer, skuId) =>
        order(
          `${dev.httpUrl}/orders`,
          { memberId: `m${String(buyer).padStart(8, '0')}`, skuId, qty: 1 },
          { 'Idempotency-Key': crypto.randomUUID() },
        ),
      roomStock: async (skuId) => (await call<{ stock: number }>('GET', `/skus/${skuId}`, 200)).stock,
      d1Figures: async (skuId) => {
        const d1 = await call<{ stock: number | null; orders: number }>('GET', `/d1/${skuId}`, 200);
        return { stock: d1.stock ?? Number.NaN, orders: d1.orders };
      },
      stop: () => dev.dispose(),
    };
  } catch (error) {
    await dev.dispose();
    throw error;
  }
};

/**
 * Polls D1 until it shows `stock` for the SKU and `orders` orders of it; the time that took, or
 * NaN when it never did. The hub's D1 is read with a `wrangler d1 execute` process each time
 * (about a second), so its figure is an upper bound; the workerd tests "brings D1 to the room's
 * stock within a second of a burst of orders" and `test/orderOutbox.test.ts` measure the flushes
 * closely. The floor answers D1's figures itself, read every FLOOR_D1_POLL_MS.
 */
const d1Converged = async (
  target: FlashTarget,
  skuId: string,
  stock: number,
  orders: number,
  since: number,
): Promise<number> => {
  while (now() - since < CONVERGE_TIMEOUT_MS) {
    const d1 = await target.d1Figures(skuId);
    if (d1.stock === stock && d1.orders === orders) return now() - since;
    if (target.d1PollMs > 0) await new Promise((resolve) => setTimeout(resolve, target.d1PollMs));
  }
  return Number.NaN;
};

const cpuMs = (pid: number) => (cpuTicks(pid) / TICKS_PER_SECOND) * 1000;

const runRound = async (target: FlashTarget, rooms: string, stock: number): Promise<Round> => {
  const { worker } = target;
  const skuId = await target.hotSku(stock);
  const cpuBefore = cpuMs(worker);
  const started = now();
  const attempts = await withTimeout(
    Promise.all(Array.from({ length: BUYERS }, (_, buyer) => target.buy(buyer, skuId))),
    REQUEST_TIMEOUT_MS,
    `${BUYERS} orders to be answered`,
  );
  const ended = now();
  const cpuAnswered = cpuMs(worker);
  const sold = attempts.filter((a) => a.status === 201).length;
  const roomStock = await target.roomStock(skuId);
  const convergedMs = await d1Converged(target, skuId, roomStock, sold, ended);
  // Reading the room and D1 costs the Worker little next to a thousand orders.
  const cpuCaughtUp = cpuMs(worker);
  const d1 = await target.d1Figures(skuId);
  return {
    rooms,
    stock,
    attempts,
    wallMs: ended - started,
    sold,
    roomStock,
    d1Stock: d1.stock,
    d1Orders: d1.orders,
    convergedMs,
    cpuMsPerOrder: (cpuAnswered - cpuBefore) / attempts.length,
    cpuMsPerOrderCaughtUp: (cpuCaughtUp - cpuBefore) / attempts.length,
  };
};

/** The three rounds against one server, which is stopped after them. */
const runRounds = async (target: FlashTarget): Promise<Round[]> => {
  try {
    const rounds: Round[] = [];
    for (const [index, { rooms, stock }] of ROUNDS.entries()) {
      await untilIdle([target.proxy, target.worker]);
      console.log(`round: ${BUYERS} buyers, ${rooms} member rooms, stock ${stock} (${target.name})`);
      const profiling = PROFILE && index === ROUNDS.length - 1 ? await startProfiling(target.inspected) : null;
      rounds.push(await runRound(target, rooms, stock));
      if (profiling) {
        const profile = await profiling.stop();
        saveProfile(profile, new URL(`./results/${target.profileFile}`, import.meta.url).pathname);
        console.log(summarizeProfile(profile));
      }
    }
    return rounds;
  } finally {
    await target.stop();
  }
};

const outcomes = (attempts: Attempt[]): string => {
  const counts = new Map<string, number>();
  for (const a of attempts) {
    const key = a.status === 201 ? '201' : `${a.status} ${a.code ?? ''}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}: ${n}`).join(', ');
};

const answersPerSecond = (r: Round) => (r.attempts.length / r.wallMs) * 1000;

const main = async () => {
  requireOpenFiles(BUYERS + 256);
  const info = runInfo();
  const runs: Array<{ server: string; rounds: Round[] }> = [];
  for (const server of SERVERS) {
    const target = server === 'hub' ? await startHub() : await startFloor();
    runs.push({ server: target.name, rounds: await runRounds(target) });
  }
  const latency = (r: Round, which: (a: Attempt) => boolean): Summary =>
    summarize(r.attempts.filter(which).map((a) => a.latency));
  const rows = runs.flatMap(({ server, rounds }) =>
    rounds.map((r) => {
      const all = latency(r, () => true);
      const won = latency(r, (a) => a.status === 201);
      return [
        server,
        r.rooms,
        r.stock,
        r.sold,
        ms(all.p50),
        ms(all.p95),
        ms(all.p99),
        ms(won.p50),
        ms(won.p99),
        Math.round((r.sold / r.wallMs) * 1000),
        Math.round(answersPerSecond(r)),
        Math.max(0, r.sold - r.stock),
        r.roomStock,
        r.d1Stock,
        r.d1Orders,
        ms(r.convergedMs),
        r.cpuMsPerOrder.toFixed(2),
        r.cpuMsPerOrderCaughtUp.toFixed(2),
      ];
    }),
  );
  const routes = runs
    .map((run) => (run.server === HUB ? 'POST /api/orders' : `${FLOOR}: POST /orders, bench/floor/`))
    .join('; ');
  const table = formatTable(
    `bench:flash — ${BUYERS} concurrent buyers, one hot SKU in a live flash sale, ${routes} via wrangler dev (ms)`,
    [
      'server',
      'member rooms',
      'stock',
      'sold',
      'p50',
      'p95',
      'p99',
      'won p50',
      'won p99',
      'reservations/s',
      'answers/s',
      'oversold',
      'room stock',
      'D1 stock',
      'D1 orders',
      'D1 = room by',
      'CPU ms/order',
      'CPU ms/order to D1',
    ],
    rows,
  );
  const hubRounds = runs.find((run) => run.server === HUB)?.rounds;
  const floorRounds = runs.find((run) => run.server === FLOOR)?.rounds;
  const tables = [table];
  if (hubRounds && floorRounds) {
    tables.push(
      formatTable(
        `hub over ${FLOOR}, per round`,
        ['member rooms', 'stock', 'CPU ms/order', 'CPU ms/order to D1', 'answers/s'],
        hubRounds.map((hub, i) => {
          const floor = floorRounds[i];
          return [
            hub.rooms,
            hub.stock,
            times(ratio(hub.cpuMsPerOrder, floor?.cpuMsPerOrder ?? Number.NaN)),
            times(ratio(hub.cpuMsPerOrderCaughtUp, floor?.cpuMsPerOrderCaughtUp ?? Number.NaN)),
            times(ratio(answersPerSecond(hub), floor ? answersPerSecond(floor) : Number.NaN)),
          ];
        }),
      ),
    );
  }
  const detail = runs
    .flatMap(({ server, rounds }) =>
      rounds.map((r) => `${server}: ${r.rooms}, stock ${r.stock}: ${outcomes(r.attempts)}`),
    )
    .join('\n');
  const summarized = (rounds: Round[] | undefined) =>
    (rounds ?? []).map(({ attempts, ...r }) => ({ ...r, latency: summarize(attempts.map((a) => a.latency)) }));
  // `rounds` stays the hub's (bench:capacity reads its warm round from the newest flash-*.json), so
  // a run without the hub is written under another name, not to shadow the last hub run.
  publishResults(hubRounds ? 'flash' : 'flash_floor', `${tables.join('\n\n')}\n\n${detail}`, {
    info,
    rounds: summarized(hubRounds),
    floorRounds: summarized(floorRounds),
  });
  const broken = runs.filter(({ rounds }) =>
    rounds.some(
      (r) => r.sold > r.stock || r.roomStock !== r.stock - r.sold || r.d1Stock !== r.roomStock || r.d1Orders !== r.sold,
    ),
  );
  if (broken.length > 0) {
    console.error(
      `INCONSISTENT (${broken.map((run) => run.server).join(', ')}): sold beyond stock, or the room / D1 disagree, or D1 lacks orders answered 201`,
    );
    process.exitCode = 1;
  }
};

await main();
