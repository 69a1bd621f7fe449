/**
 * `npm run bench:capacity`: what one deployed hot SKU, room and storefront can take, worked out
 * from Cloudflare's documented limits (`LIMITS`) and the costs this machine's benchmarks measured
 * (the newest `bench/results/` JSON of bench:floor, bench:fanout and bench:flash; a figure no run
 * has recorded yet falls back to the one `docs/capacity.md` was written from, and says so). The
 * model and its assumptions are explained in docs/capacity.md, which shows this script's output.
 * Every input can be overridden: `CAPACITY_<NAME>=value` (e.g. `CAPACITY_SEND_US=8`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTable } from './stats';

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

/** Cloudflare's documented limits (sources in docs/capacity.md). */
const LIMITS = {
  /** Hibernatable WebSockets one Durable Object may hold. */
  socketsPerObject: 32_768,
  /** Memory of the isolate a Durable Object runs in. */
  isolateBytes: 128 * 1024 * 1024,
  /** A Durable Object's soft limit of simple requests per second… */
  objectRequestsPerSecond: 1000,
  /** …and of requests that each write its storage (the low end of the documented 200–500). */
  objectWritesPerSecond: 200,
  /** D1 runs one query at a time: its writes per second are 1 / query time. */
  d1WriteQueryMs: 1,
  /** Bound parameters per D1 statement. */
  d1ParamsPerStatement: 100,
};

/** How the hub is built (the values in the code, cited). */
const DESIGN = {
  /** Server changes to a room in a burst go out merged, one frame per window (workers/platform/room/YRoom.ts). */
  coalesceMs: 20,
  /** Subscribers a room holds itself before new ones go to relay objects (RELAY_THRESHOLD in wrangler.toml). */
  relayThreshold: 2000,
  /** A relay is created by its owner's call, so it lives in the owner's colo: one hop there, ms (assumed). */
  relayHopMs: 2,
  /**
   * Members' order flushes meet in this many recorders, each writing what reached it meanwhile in
   * one D1 batch of up to `ordersPerBatch` orders (workers/orders/OrderRecorder.ts), several
   * orders or lines to a statement (workers/orders/records/orderRecords.ts).
   */
  orderRecorders: 4,
  ordersPerBatch: 100,
  ordersPerInsert: 5,
  linesPerInsert: 16,
};

/**
 * Network legs deployed, per channel (ms, one way): the shopper's access network to Cloudflare's
 * edge, and the edge to the colo the room's Durable Object lives in. Assumptions, not measured here.
 */
const CHANNEL_LEGS: Record<string, { access: number; toObject: number; note: string }> = {
  pc: { access: 10, toObject: 15, note: 'broadband, browser (deflate offered)' },
  h5: { access: 30, toObject: 15, note: 'mobile 4G/5G, browser' },
  mini: { access: 35, toObject: 15, note: 'WeChat wx.connectSocket, mobile, no deflate' },
  app: { access: 30, toObject: 15, note: 'native app, mobile' },
};

interface Figure {
  value: number;
  from: string;
}

const override = (name: string, figure: Figure): Figure => {
  const given = process.env[`CAPACITY_${name}`];
  return given === undefined ? figure : { value: Number(given), from: `CAPACITY_${name}` };
};

/** The newest result file of a benchmark, parsed; null when it never ran here. */
const newest = (bench: string): { file: string; data: Record<string, unknown> } | null => {
  let files: string[] = [];
  try {
    files = readdirSync(RESULTS_DIR).filter((f) => f.startsWith(`${bench}-`) && f.endsWith('.json'));
  } catch {
    return null;
  }
  const file = files.sort().at(-1);
  return file ? { file, data: JSON.parse(readFileSync(`${RESULTS_DIR}${file}`, 'utf8')) } : null;
};

interface SummaryLike {
  p50: number;
  p99: number;
}

/** Local cost of one WebSocket send from a Durable Object, µs: bench:floor's bare object at its largest N. */
const sendCost = (): Figure => {
  const floor = newest('floor');
  const results = (floor?.data.results ?? []) as Array<{ variant: string; n: number; allReceived: SummaryLike }>;
  const plain = results
    .filter((r) => r.variant.includes('no deflate/proxy'))
    .sort((a, b) => b.n - a.n)
    .at(0);
  if (floor && plain) {
    return { value: (plain.allReceived.p50 * 1000) / plain.n, from: `${floor.file}: ${plain.variant}, N = ${plain.n}` };
  }
  return { value: 20, from: 'docs/capacity.md (bench:floor N = 1000, no deflate/proxy, 2026-11-24)' };
};

/**
 * What the owner spends pushing one frame to one relay (a call to another object carrying the
 * frame), µs. An assumption: five sends' worth, until a deployed measurement replaces it.
 */
const pushCost = (send: Figure): Figure => ({ value: 5 * send.value, from: 'assumed: 5 × one socket send' });

/** CPU of one order inside the hot SKU's room, ms (the rest runs in each buyer's own member room). */
const skuRoomMsPerOrder = (): Figure => ({
  value: 1,
  from: 'V8 profile of bench:flash (README, Performance: the SKU room’s share of an order)',
});

/** CPU of one whole order on this machine, ms: bench:flash's warm round. */
const orderCpuMs = (): Figure => {
  const flash = newest('flash');
  const rounds = (flash?.data.rounds ?? []) as Array<{ rooms: string; cpuMsPerOrder?: number }>;
  const warm = rounds.filter((r) => r.rooms === 'warm' && typeof r.cpuMsPerOrder === 'number').at(-1);
  if (flash && warm?.cpuMsPerOrder !== undefined)
    return { value: warm.cpuMsPerOrder, from: `${flash.file}: warm round` };
  return { value: 11, from: 'README (bench:flash on a quiet machine, 2026-11-24)' };
};

const round = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

const main = () => {
  const send = override('SEND_US', sendCost());
  const push = override('PUSH_US', pushCost(send));
  const skuMs = override('SKU_ROOM_MS', skuRoomMsPerOrder());
  const orderMs = override('ORDER_MS', orderCpuMs());
  const threshold = override('RELAY_THRESHOLD', { value: DESIGN.relayThreshold, from: 'wrangler.toml' });

  const inputs = formatTable(
    'Inputs (measured on this machine unless overridden)',
    ['input', 'value', 'from'],
    [
      ['one socket send (µs, local)', round(send.value), send.from],
      ['one push to a relay (µs)', round(push.value), push.from],
      ['SKU room CPU per order (ms)', round(skuMs.value), skuMs.from],
      ['whole order CPU (ms, local)', round(orderMs.value), orderMs.from],
      ['relay threshold (sockets)', round(threshold.value), threshold.from],
    ],
  );

  // Orders per hot SKU: each order is one storage-writing call into the SKU's room (the member
  // rooms are the buyers' own objects and run in parallel).
  const bySkuCpu = 1000 / skuMs.value;
  const hotSkuOrders = Math.min(LIMITS.objectWritesPerSecond, bySkuCpu);
  // A burst fills the recorders' batches: one-line orders, statements per full batch.
  const batchStatements =
    Math.ceil(DESIGN.ordersPerBatch / DESIGN.ordersPerInsert) +
    Math.ceil(DESIGN.ordersPerBatch / DESIGN.linesPerInsert);
  const byD1 = (1000 / (LIMITS.d1WriteQueryMs * batchStatements)) * DESIGN.ordersPerBatch;
  const byRecorders = DESIGN.orderRecorders * LIMITS.objectRequestsPerSecond;
  const d1OrdersPerSecond = Math.min(byD1, byRecorders);
  const orders = formatTable(
    'Orders',
    ['orders per hot SKU', 'per second', 'why'],
    [
      ['by the SKU room’s CPU', round(bySkuCpu), `1000 ms / ${round(skuMs.value)} ms`],
      [
        'by the object’s write rate',
        round(LIMITS.objectWritesPerSecond),
        'documented 200–500 storage-writing requests/s',
      ],
      ['answered', round(hotSkuOrders), 'the lower of the two'],
      [
        'reaching D1',
        round(d1OrdersPerSecond),
        `off the answer's path: ${DESIGN.ordersPerBatch} orders in ${batchStatements} statements at ${LIMITS.d1WriteQueryMs} ms (${round(byD1)}/s), ${DESIGN.orderRecorders} recorders at ${LIMITS.objectRequestsPerSecond} calls/s (${round(byRecorders)}/s)`,
      ],
      ['a 10,000-unit sale sells out in', `${round(10_000 / hotSkuOrders)} s`, 'its D1 rows follow within the flush'],
    ],
  );

  // Sockets per room: one object until the relay threshold, then a two-level tree whose owner
  // pushes each frame once per relay within one coalescing window.
  const relaysPerOwner = Math.floor((DESIGN.coalesceMs * 1000) / push.value);
  const perRelay = Math.min(threshold.value, LIMITS.socketsPerObject);
  const sockets = formatTable(
    'Sockets',
    ['sockets per room', 'count', 'why'],
    [
      ['documented per object', round(LIMITS.socketsPerObject), 'hibernatable WebSockets per Durable Object'],
      ['held by the owner', round(perRelay), 'relay threshold: its last socket gets a frame after that many sends'],
      ['relays one owner feeds', round(relaysPerOwner), `one push each within a ${DESIGN.coalesceMs} ms frame window`],
      [
        'with relays (two levels)',
        round(relaysPerOwner * perRelay),
        `${round(relaysPerOwner)} relays × ${round(perRelay)} sockets`,
      ],
      [
        'a relay’s pushes per second',
        round(1000 / DESIGN.coalesceMs),
        `under the ${LIMITS.objectRequestsPerSecond} requests/s soft limit`,
      ],
    ],
  );

  // Edits per room: every frame is sent to each socket of the object; bursts merge into one frame
  // per coalescing window, so frames/s, not edits/s, is what the sockets cost.
  const framesAt = (n: number) => Math.min(1000 / DESIGN.coalesceMs, 1_000_000 / (n * send.value));
  const edits = formatTable(
    `Edits per room (frames capped at one per ${DESIGN.coalesceMs} ms window)`,
    ['sockets on one object', 'frames/s', 'edits/s (merged into them)'],
    [100, 1000, threshold.value, 10_000].map((n) => [
      round(n),
      round(framesAt(n)),
      round(Math.min(LIMITS.objectWritesPerSecond, LIMITS.objectRequestsPerSecond)),
    ]),
  );

  // Latency per channel: the edit's legs in, the room's sends, the frame's legs out. The room's
  // work is the local figure for half the threshold's sends (the median socket; local workerd is
  // the slower), plus a relay hop for sockets beyond it.
  const roomMs = (threshold.value * send.value) / 1000 / 2;
  const latency = formatTable(
    `Latency per channel deployed (the room half-way through ${round(threshold.value)} sends)`,
    ['channel', 'edit → shown p50 (ms)', 'via a relay', 'legs', 'network'],
    Object.entries(CHANNEL_LEGS).map(([channel, legs]) => [
      channel,
      round(2 * legs.toObject + legs.access + roomMs),
      round(2 * legs.toObject + legs.access + roomMs + DESIGN.relayHopMs),
      `operator → room ${legs.toObject}, room sends ${round(roomMs)}, room → edge ${legs.toObject}, edge → shopper ${legs.access}`,
      legs.note,
    ]),
  );

  console.log([inputs, orders, sockets, edits, latency].join('\n\n'));
};

main();
