/**
 * `npm run bench:flash`: the hub only. 1,000 logged-in shoppers (phone logins, development SMS
 * code, channels pc/h5/mini/app in turn) press "buy" on one hot SKU in a live flash sale at the
 * same moment: 1,000 concurrent `POST /api/orders` over HTTP against `wrangler dev`. Three rounds,
 * each on a fresh SKU: the buyers' first order ever (their member rooms are created on the way),
 * then, with those rooms live as they are for shoppers in the app, stock 100 (nine in ten buyers
 * are refused) and stock 1,000 (every buyer gets one). Per round: order-creation latency p50/p95/p99 (request sent -> answer), successful
 * reservations per second (201s / time from the first request sent to the last answer), and the
 * checks that matter: oversold (units sold beyond the stock; must be 0), the room's stock, D1's
 * stock and order count once D1 has caught up with the room's stock and every 201 (orders reach
 * D1 through their member's order outbox, after the answer), and by when it had, read from
 * outside. CPU per order is the workerd process running the Worker and its objects, in ms per
 * answer: while the orders are answered, and until D1 has caught up (the outboxes' flushes too).
 * `BENCH_PROFILE=1` also takes a CPU profile of the last round, prints where its CPU went by
 * function and saves it as `bench/results/flash.cpuprofile` (opens in Chrome DevTools).
 */
import { CHANNELS, type Channel } from '../shared/channels';
import { phoneLogin } from '../test/e2e/support/hubApi';
import { now, withTimeout } from './clients';
import { saveProfile, startProfiling, summarizeProfile } from './cpuProfile';
import { Hub } from './hub';
import { cpuTicks, TICKS_PER_SECOND, untilIdle } from './procs';
import { publishResults, requireOpenFiles, runInfo } from './report';
import { formatTable, ms, type Summary, summarize } from './stats';

const BUYERS = Number(process.env.BENCH_BUYERS ?? 1000);
const PROFILE = process.env.BENCH_PROFILE === '1';
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

const post = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });

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

const buy = async (hub: Hub, buyer: Buyer, skuId: string): Promise<Attempt> => {
  const started = now();
  const response = await post(
    `${hub.httpUrl}/api/orders`,
    { items: [{ skuId, qty: 1 }] },
    { Authorization: `Bearer ${buyer.token}`, 'Idempotency-Key': crypto.randomUUID() },
  );
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code ?? null, latency: now() - started };
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

/**
 * Polls D1 until it shows `stock` for the SKU and `orders` orders of it; the time that took, or
 * NaN when it never did. Each read is a `wrangler d1 execute` process (about a second), so this
 * is an upper bound; the workerd tests "brings D1 to the room's stock within a second of a burst
 * of orders" and `test/orderOutbox.test.ts` measure the flushes closely.
 */
const d1Converged = async (hub: Hub, skuId: string, stock: number, orders: number, since: number): Promise<number> => {
  while (now() - since < CONVERGE_TIMEOUT_MS) {
    const d1 = await d1Figures(hub, skuId);
    if (d1.stock === stock && d1.orders === orders) return now() - since;
  }
  return Number.NaN;
};

const cpuMs = (pid: number) => (cpuTicks(pid) / TICKS_PER_SECOND) * 1000;

const runRound = async (hub: Hub, worker: number, buyers: Buyer[], rooms: string, stock: number): Promise<Round> => {
  const skuId = await hotSku(hub, stock);
  const cpuBefore = cpuMs(worker);
  const started = now();
  const attempts = await withTimeout(
    Promise.all(buyers.map((b) => buy(hub, b, skuId))),
    REQUEST_TIMEOUT_MS,
    `${buyers.length} orders to be answered`,
  );
  const ended = now();
  const cpuAnswered = cpuMs(worker);
  const sold = attempts.filter((a) => a.status === 201).length;
  const roomStock = (await hub.getSku(skuId)).stock;
  const convergedMs = await d1Converged(hub, skuId, roomStock, sold, ended);
  // Reading the room and D1 costs the Worker little next to a thousand orders.
  const cpuCaughtUp = cpuMs(worker);
  const d1 = await d1Figures(hub, skuId);
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

const outcomes = (attempts: Attempt[]): string => {
  const counts = new Map<string, number>();
  for (const a of attempts) {
    const key = a.status === 201 ? '201' : `${a.status} ${a.code ?? ''}`.trim();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${k}: ${n}`).join(', ');
};

const main = async () => {
  requireOpenFiles(BUYERS + 256);
  const info = runInfo();
  const hub = await Hub.start();
  try {
    const { proxy, worker } = await hub.processes();
    console.log(`logging in ${BUYERS} buyers...`);
    const buyers = await loginAll(hub);
    const rounds: Round[] = [];
    for (const [index, { rooms, stock }] of ROUNDS.entries()) {
      await untilIdle([proxy, worker]);
      console.log(`round: ${BUYERS} buyers, ${rooms} member rooms, stock ${stock}`);
      const profiling = PROFILE && index === ROUNDS.length - 1 ? await startProfiling(hub.inspected) : null;
      rounds.push(await runRound(hub, worker, buyers, rooms, stock));
      if (profiling) {
        const profile = await profiling.stop();
        saveProfile(profile, new URL('./results/flash.cpuprofile', import.meta.url).pathname);
        console.log(summarizeProfile(profile));
      }
    }
    const latency = (r: Round, which: (a: Attempt) => boolean): Summary =>
      summarize(r.attempts.filter(which).map((a) => a.latency));
    const rows = rounds.map((r) => {
      const all = latency(r, () => true);
      const won = latency(r, (a) => a.status === 201);
      return [
        r.rooms,
        r.stock,
        r.sold,
        ms(all.p50),
        ms(all.p95),
        ms(all.p99),
        ms(won.p50),
        ms(won.p99),
        Math.round((r.sold / r.wallMs) * 1000),
        Math.round((r.attempts.length / r.wallMs) * 1000),
        Math.max(0, r.sold - r.stock),
        r.roomStock,
        r.d1Stock,
        r.d1Orders,
        ms(r.convergedMs),
        r.cpuMsPerOrder.toFixed(2),
        r.cpuMsPerOrderCaughtUp.toFixed(2),
      ];
    });
    const table = formatTable(
      `bench:flash — ${BUYERS} concurrent buyers, one hot SKU in a live flash sale, POST /api/orders via wrangler dev (ms)`,
      [
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
    const detail = rounds.map((r) => `${r.rooms}, stock ${r.stock}: ${outcomes(r.attempts)}`).join('\n');
    publishResults('flash', `${table}\n\n${detail}`, {
      info,
      rounds: rounds.map(({ attempts, ...r }) => ({ ...r, latency: summarize(attempts.map((a) => a.latency)) })),
    });
    const broken = rounds.filter(
      (r) => r.sold > r.stock || r.roomStock !== r.stock - r.sold || r.d1Stock !== r.roomStock || r.d1Orders !== r.sold,
    );
    if (broken.length > 0) {
      console.error('INCONSISTENT: sold beyond stock, or the room / D1 disagree, or D1 lacks orders answered 201');
      process.exitCode = 1;
    }
  } finally {
    await hub.stop();
  }
};

await main();
