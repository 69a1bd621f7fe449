/**
 * `npm run bench:catalog`: the hub only. 100 listing-page subscribers on the `catalog` room
 * (`getMap('skus')`: skuId -> {price, stock, listed, flash, rev}), 200 SKUs (2 products x 100)
 * edited in one burst, two ways: 200 concurrent `PATCH /api/admin/skus/:id`, and two concurrent
 * `POST /api/admin/skus/batch` of 100 edits each. Per edit and subscriber: sent -> applied
 * (p50/p99), and edits per second sustained (200 / time until every subscriber has all 200).
 * A warm-up burst, then the two scenarios alternate for ROUNDS rounds; a burst that misses
 * BURST_DEADLINE_MS is reported with how far it got, and ends the run.
 */
import { CHANNELS } from '../shared/channels';
import type { CatalogEntry, SkuState } from '../shared/docs/sku';
import { Arrivals, connectAll, now, openClient, type SyncClient, type Target, wallClock, withTimeout } from './clients';
import { Hub } from './hub';
import { untilIdle } from './procs';
import { publishResults, requireOpenFiles, runInfo } from './report';
import { formatTable, ms, type Summary, summarize } from './stats';

const SUBSCRIBERS = 100;
const PRODUCTS = 2;
/** The API's limit per product, and per batch call. */
const SKUS_PER_PRODUCT = 100;
const BATCH_SIZE = 100;
const ROUNDS = 3;
const CONNECT_TIMEOUT_MS = 60_000;
/** A burst that has not fully arrived (every edit answered and applied everywhere) by then is reported as stalled. */
const BURST_DEADLINE_MS = 60_000;
/** How long the hub may stay busy after a burst before the next one starts anyway. */
const IDLE_TIMEOUT_MS = 30_000;
/** BENCH_VIA=wrangler,worker also runs everything straight against the worker's own port. */
const VIAS = (process.env.BENCH_VIA ?? 'wrangler').split(',');

/** Starts a burst's requests; each call's promise resolves with the edits it answered. */
type Send = (
  hub: Hub,
  skus: string[],
  price: number,
  base: string,
) => { sentAt: Map<string, number>; calls: Array<Promise<AnsweredEdit[]>> };

interface AnsweredEdit {
  skuId: string;
  state: SkuState;
  answeredAt: number;
}

interface Scenario {
  name: string;
  send: Send;
}

const answeredNow = (state: SkuState): AnsweredEdit => ({ skuId: state.skuId, state, answeredAt: now() });

const scenarios: Scenario[] = [
  {
    name: `${PRODUCTS * SKUS_PER_PRODUCT} concurrent PATCH`,
    send(hub, skus, price, base) {
      const sentAt = new Map<string, number>();
      const calls = skus.map((skuId) => {
        sentAt.set(skuId, now());
        return hub.patchSku(skuId, { price }, base).then((state) => [answeredNow(state)]);
      });
      return { sentAt, calls };
    },
  },
  {
    name: `${PRODUCTS} concurrent batch POSTs x ${BATCH_SIZE}`,
    send(hub, skus, price, base) {
      const sentAt = new Map<string, number>();
      const calls: Array<Promise<AnsweredEdit[]>> = [];
      for (let i = 0; i < skus.length; i += BATCH_SIZE) {
        const part = skus.slice(i, i + BATCH_SIZE);
        const t = now();
        for (const skuId of part) sentAt.set(skuId, t);
        calls.push(
          hub
            .batchEdit(
              part.map((skuId) => ({ skuId, price })),
              base,
            )
            .then((states) => states.map(answeredNow)),
        );
      }
      return { sentAt, calls };
    },
  },
];

/** One burst in progress: which rev each SKU must reach, and who has applied it. */
class Burst {
  readonly arrivals = new Arrivals();
  private readonly seenBy: Array<Set<string>>;
  /** Observer events (applied frames that touched the catalog map) per subscriber. */
  readonly events: number[];

  constructor(
    readonly expected: Map<string, number>,
    subscribers: number,
  ) {
    this.seenBy = Array.from({ length: subscribers }, () => new Set<string>());
    this.events = Array.from({ length: subscribers }, () => 0);
  }

  onChange(subscriber: number, skus: CatalogView, keys: Iterable<string>, at: number): void {
    const seen = this.seenBy[subscriber];
    if (!seen) return;
    this.events[subscriber] = (this.events[subscriber] ?? 0) + 1;
    for (const skuId of keys) {
      const want = this.expected.get(skuId);
      const rev = skus.get(skuId)?.rev;
      if (want === undefined || rev === undefined || rev < want || seen.has(skuId)) continue;
      seen.add(skuId);
      this.arrivals.record(skuId, at);
    }
  }
}

type CatalogView = { get(skuId: string): CatalogEntry | undefined };

interface BurstResult {
  scenario: string;
  via: string;
  round: number;
  /** False when the burst missed BURST_DEADLINE_MS: the counts below say how far it got. */
  completed: boolean;
  applied: number;
  answered: number;
  failedCalls: number;
  latency: Summary;
  /** First edit sent -> every subscriber has every edit (or the deadline). */
  completionMs: number;
  editsPerSecond: number;
  answer: Summary;
  lastAnswerMs: number;
  sentToStamp: Summary;
  stampToApplied: Summary;
  eventsPerSubscriber: Summary;
}

const runBurst = async (
  hub: Hub,
  scenario: Scenario,
  via: { name: string; base: string },
  round: number,
  catalog: CatalogView,
  skus: string[],
  setBurst: (burst: Burst) => void,
): Promise<BurstResult> => {
  // Each SKU must reach the rev after the one the listing shows now.
  const expected = new Map(skus.map((s) => [s, (catalog.get(s)?.rev ?? 0) + 1]));
  const burst = new Burst(expected, SUBSCRIBERS);
  setBurst(burst);
  const price = 20_000 + round * 100;
  const { sentAt, calls } = scenario.send(hub, skus, price, via.base);
  const answered: AnsweredEdit[] = [];
  let failedCalls = 0;
  const settled = Promise.all(
    calls.map((c) =>
      c.then(
        (edits) => {
          answered.push(...edits);
        },
        () => {
          failedCalls += 1;
        },
      ),
    ),
  );
  const target = skus.length * SUBSCRIBERS;
  let completed = true;
  try {
    await withTimeout(
      Promise.all([settled, burst.arrivals.until(() => burst.arrivals.total >= target, BURST_DEADLINE_MS, 'arrivals')]),
      BURST_DEADLINE_MS,
      'burst',
    );
  } catch {
    completed = false;
  }
  const firstSent = Math.min(...sentAt.values());
  const latencies: number[] = [];
  const stampToApplied: number[] = [];
  let lastArrival = Number.NEGATIVE_INFINITY;
  const stateOf = new Map(answered.map((a) => [a.skuId, a]));
  for (const skuId of skus) {
    const sent = sentAt.get(skuId) ?? Number.NaN;
    const changedAt = stateOf.get(skuId)?.state.changedAt;
    for (const at of burst.arrivals.times(skuId)) {
      latencies.push(at - sent);
      if (changedAt !== undefined) stampToApplied.push(wallClock(at) - changedAt);
      lastArrival = Math.max(lastArrival, at);
    }
  }
  const completionMs = completed ? lastArrival - firstSent : now() - firstSent;
  return {
    scenario: scenario.name,
    via: via.name,
    round,
    completed,
    applied: burst.arrivals.total,
    answered: answered.length,
    failedCalls,
    latency: summarize(latencies),
    completionMs,
    editsPerSecond: burst.arrivals.total / SUBSCRIBERS / (completionMs / 1000),
    answer: summarize(answered.map((a) => a.answeredAt - (sentAt.get(a.skuId) ?? Number.NaN))),
    lastAnswerMs: answered.length > 0 ? Math.max(...answered.map((a) => a.answeredAt)) - firstSent : Number.NaN,
    sentToStamp: summarize(answered.map((a) => a.state.changedAt - wallClock(sentAt.get(a.skuId) ?? Number.NaN))),
    stampToApplied: summarize(stampToApplied),
    eventsPerSubscriber: summarize(burst.events),
  };
};

const describe = (r: BurstResult): string =>
  r.completed
    ? `p50 ${ms(r.latency.p50)} / p99 ${ms(r.latency.p99)} ms, all applied after ${ms(r.completionMs)} ms = ${r.editsPerSecond.toFixed(0)} edits/s`
    : `DID NOT COMPLETE within ${BURST_DEADLINE_MS / 1000} s: ${r.applied}/${PRODUCTS * SKUS_PER_PRODUCT * SUBSCRIBERS} applications, ${r.answered}/${PRODUCTS * SKUS_PER_PRODUCT} edits answered, ${r.failedCalls} calls failed`;

const main = async () => {
  requireOpenFiles(SUBSCRIBERS + 500);
  const info = runInfo();
  console.log(
    `bench:catalog: ${SUBSCRIBERS} subscribers on 'catalog', ${PRODUCTS * SKUS_PER_PRODUCT} SKUs edited in a burst; ${ROUNDS} rounds per scenario`,
  );
  console.log('starting wrangler dev (migrated, seeded)...');
  const hub = await Hub.start();
  try {
    const procs = await hub.processes();
    const pids = [procs.worker, procs.proxy];
    const direct = `127.0.0.1:${procs.workerPort}`;
    const vias = [
      { name: 'wrangler dev port', base: hub.httpUrl, sync: hub.syncUrl },
      { name: 'worker port (no dev proxy)', base: `http://${direct}`, sync: `ws://${direct}/sync` },
    ].filter((v) => VIAS.some((name) => v.name.startsWith(name)));
    console.log(
      `hub: wrangler dev on :${hub.port}; Worker + DOs in workerd ${procs.worker} (own port :${procs.workerPort})`,
    );

    const skus: string[] = [];
    for (let p = 0; p < PRODUCTS; p++) {
      const created = await hub.createProduct(
        `Catalog bench product ${p + 1}`,
        Array.from({ length: SKUS_PER_PRODUCT }, (_, i) => ({
          title: `Variant ${i + 1}`,
          price: 10_000 + i,
          stock: 500,
        })),
      );
      skus.push(...created.map((s) => s.skuId));
    }
    console.log(`created ${skus.length} SKUs in ${PRODUCTS} products`);

    const results: BurstResult[] = [];
    let stalled = false;
    for (const via of vias) {
      if (stalled) break;
      const target: Target = { name: `hub via ${via.name}`, protocol: 'y-websocket', url: via.sync };
      let burst: Burst | null = null;
      const { clients, elapsedMs } = await connectAll(
        SUBSCRIBERS,
        (i) => {
          const client: SyncClient = openClient(target, 'catalog', CHANNELS[i % CHANNELS.length] ?? 'pc');
          const map = client.doc.getMap<CatalogEntry>('skus');
          map.observe((event) => burst?.onChange(i, map, event.keysChanged, now()));
          return client;
        },
        { window: SUBSCRIBERS, timeoutMs: CONNECT_TIMEOUT_MS, label: 'catalog' },
      );
      try {
        const missing = clients.filter((c) => skus.some((s) => !c.doc.getMap('skus').has(s))).length;
        if (missing > 0) throw new Error(`${missing} subscribers synced without every SKU in the catalog`);
        const catalog = clients[0]?.doc.getMap<CatalogEntry>('skus');
        if (!catalog) throw new Error('no subscriber');
        console.log(`via ${via.name}: ${SUBSCRIBERS} subscribers synced in ${ms(elapsedMs)} ms`);
        // Round 0 warms up (the first edit of a SKU wakes its room, which loads it from D1); not reported.
        bursts: for (let round = 0; round <= ROUNDS; round++) {
          for (const scenario of round === 0 ? scenarios.slice(0, 1) : scenarios) {
            const result = await runBurst(hub, scenario, via, round, catalog, skus, (b) => {
              burst = b;
            });
            burst = null;
            if (round > 0 || !result.completed) results.push(result);
            console.log(`  ${scenario.name}, ${round === 0 ? 'warm-up' : `round ${round}`}: ${describe(result)}`);
            if (!result.completed) {
              // The hub is still working through it (see the report); later bursts would only queue behind.
              stalled = true;
              console.log('  skipping the remaining bursts');
              break bursts;
            }
            await untilIdle(pids, { timeoutMs: IDLE_TIMEOUT_MS });
          }
        }
      } finally {
        for (const c of clients) c.destroy();
      }
      if (!stalled) await untilIdle(pids);
    }

    publishResults('catalog', render(results), {
      info,
      config: {
        subscribers: SUBSCRIBERS,
        products: PRODUCTS,
        skusPerProduct: SKUS_PER_PRODUCT,
        rounds: ROUNDS,
        burstDeadlineMs: BURST_DEADLINE_MS,
      },
      results,
    });
  } catch (error) {
    console.error(`--- wrangler dev output ---\n${hub.logs()}`);
    throw error;
  } finally {
    await hub.stop();
  }
};

const render = (results: BurstResult[]): string =>
  formatTable(
    `Catalog burst: ${SUBSCRIBERS} subscribers on 'catalog', ${PRODUCTS * SKUS_PER_PRODUCT} SKU edits per burst, ms (sent->applied: per edit and subscriber; all applied: first edit sent -> every subscriber has all ${PRODUCTS * SKUS_PER_PRODUCT}; stalled bursts are cut at ${BURST_DEADLINE_MS / 1000} s)`,
    [
      'via',
      'scenario',
      'round',
      'done',
      'sent->applied p50',
      'p99',
      'all applied',
      'edits/s',
      'answer p50',
      'last answer',
      'sent->changedAt p50',
      'changedAt->applied p50',
      'p99',
      'frames/sub',
    ],
    results.map((r) => [
      r.via,
      r.scenario,
      r.round === 0 ? 'warm-up' : r.round,
      r.completed
        ? 'yes'
        : `NO (${r.applied}/${PRODUCTS * SKUS_PER_PRODUCT * SUBSCRIBERS} applied, ${r.answered} answered)`,
      ms(r.latency.p50),
      ms(r.latency.p99),
      r.completed ? ms(r.completionMs) : `>${BURST_DEADLINE_MS}`,
      r.completed ? r.editsPerSecond.toFixed(0) : `<${Math.ceil(r.editsPerSecond)}`,
      ms(r.answer.p50),
      ms(r.lastAnswerMs),
      ms(r.sentToStamp.p50),
      ms(r.stampToApplied.p50),
      ms(r.stampToApplied.p99),
      r.eventsPerSubscriber.p50,
    ]),
  );

await main();
process.exit(0);
