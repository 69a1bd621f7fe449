/**
 * `npm run bench:fanout`: one document, N stock Yjs subscribers split over pc/h5/mini/app, K
 * edits of one price, against the hub (a real `wrangler dev`), the y-websocket reference server
 * and Hocuspocus, each server in its own process. Each edit waits until every subscriber has
 * applied the previous one. Prints connect time, per-subscriber and all-received latency, the
 * hub/peer ratios, the hub's edit path split at its `changedAt` stamp, and resident memory per
 * socket at N = 1000; writes the same as JSON to bench/results/. Besides the hub as users reach
 * it, two hub variants separate costs the peers do not pay: straight to the worker's own port
 * (no wrangler dev proxy), and clients that do not offer permessage-deflate.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CHANNELS } from '../shared/channels';
import type { ChannelMonitor } from '../shared/docs/monitor';
import { WranglerDev } from '../test/e2e/support/wranglerDev';
import {
  Arrivals,
  connectAll,
  now,
  openClient,
  type SyncClient,
  type Target,
  wallClock,
  watchRev,
  withTimeout,
} from './clients';
import { type Inspected, type Profile, saveProfile, startProfiling, summarizeProfile } from './cpuProfile';
import { Hub } from './hub';
import { startPeer } from './peers/spawn';
import { rssBytes, untilIdle, wranglerProcesses } from './procs';
import { publishResults, requireOpenFiles, runInfo } from './report';
import { openSdkSubscriber, type SdkSubscriber } from './sdkSubscriber';
import { type Cell, formatTable, kib, mib, ms, ratio, type Summary, summarize, times } from './stats';

/** BENCH_N=10,100 runs a subset (for trying the bench out). */
const SUBSCRIBERS = (process.env.BENCH_N ?? '10,100,300,1000,3000').split(',').map(Number);
/**
 * BENCH_SERVERS='hub,y-partyserver' runs only the servers (and hub variants) named, in that
 * order (a name twice: two runs); by default the hub as users reach it, its peers on the same
 * runtime, then the Node peers.
 */
const ONLY = (
  process.env.BENCH_SERVERS ??
  'hub,floor (bare DO),floor (bare DO + Yjs clients),y-partyserver,y-partyserver (hibernate),y-websocket,hocuspocus'
).split(',');
/** The peers on the hub's own runtime, which the hub's ratios are held to. */
const RUNTIME_PEERS = ['y-partyserver', 'y-partyserver (hibernate)'];
const NODE_PEERS = ['y-websocket', 'hocuspocus'];
/** `bench:floor`'s bare Durable Object, driven as a server here: what the runtime costs before any room code. */
const FLOOR = 'floor (bare DO)';
/** The same, its subscribers applying each edit as a Yjs update (the hub's clients' work, none of its server's). */
const FLOOR_YJS = 'floor (bare DO + Yjs clients)';
/** y-protocols' message type of a sync message (y-websocket's framing). */
const MESSAGE_SYNC = 0;
/** A price edit's update frame on a SKU room is about this long (bench/floor.ts). */
const FLOOR_FRAME_BYTES = 48;
const EDITS = 30;
/** Edits before the measured ones (first-use paths: JIT, D1 statement cache, the writer's socket). */
const WARMUP_EDITS = 2;
/** At most this many clients are connecting at once (a storefront fleet does not arrive in one tick). */
const CONNECT_WINDOW = 100;
const CONNECT_TIMEOUT_MS = 120_000;
const EDIT_TIMEOUT_MS = 15_000;
const IDLE_TIMEOUT_MS = 60_000;
const MEMORY_AT = 1000;
/** BENCH_ACKS=1 adds hub clients that acknowledge each rev through awareness, as the SDK does. */
const ACKS = process.env.BENCH_ACKS === '1';
/**
 * BENCH_SDK=1 adds subscribers on the SDK: storefronts with the SKU's product page open (its
 * listing feed), acknowledging at the SDK's default sample rate, and the same that never do.
 */
const SDK = process.env.BENCH_SDK === '1';
/** BENCH_PROFILE=1: a CPU profile of each Worker during its edits at the largest N (`cpuProfile.ts`). */
const PROFILE = process.env.BENCH_PROFILE === '1';
/** Sequential requests per probe of the hub's HTTP paths. */
const PROBES = 30;
const FIRST_PRICE = 10_000;

/** What one edit reports besides the subscribers' arrival times. */
interface EditOutcome {
  /** Server time of the change (`changedAt`), for the hub. */
  changedAt?: number;
  /** When the hub's HTTP answer arrived (monotonic ms). */
  respondedAt?: number;
}

/** A fresh document on one server, and how to edit it. */
interface BenchDoc {
  room: string;
  /** The hub's product and SKU behind the room (SDK subscribers open its product page). */
  productId?: string;
  skuId?: string;
  /** `rev` the subscribers see before the first edit. */
  firstRev: number;
  /** Starts edit number `k` (1-based) that produces `rev`; `sentAt` is taken right before it leaves. */
  edit(k: number, rev: number): { sentAt: number; outcome: Promise<EditOutcome> };
  close(): void;
}

/** A subscriber that is not a stock Yjs client of the room (the SDK's storefronts). */
type OpenSubscriber = (doc: BenchDoc, index: number, onRev: (rev: number, at: number) => void) => SdkSubscriber;

interface Server {
  target: Target;
  /** How each subscriber is opened instead of a stock client of `doc.room`. */
  subscriber?: OpenSubscriber;
  /** What the monitoring page shows once the edits are done (while the subscribers are still there). */
  monitor?: () => Promise<Record<string, ChannelMonitor>>;
  /** Server processes: measured for memory, and waited on to go idle between runs. */
  processes: Array<{ role: string; pid: number }>;
  /** A Worker under wrangler dev whose CPU BENCH_PROFILE=1 samples during the edits. */
  inspected?: Inspected;
  open(n: number): Promise<BenchDoc>;
}

interface EditSample {
  latencies: number[];
  sentWall: number;
  changedAt?: number;
  respondedMs?: number;
  arrivalsWall: number[];
}

interface MemoryRow {
  server: string;
  /** How the measurement was taken (within the run, or on a fresh hub). */
  note: string;
  process: string;
  pid: number;
  beforeBytes: number;
  afterBytes: number;
  perSocketBytes: number;
}

interface RunResult {
  server: string;
  n: number;
  /** Why the run stopped early (a timeout), if it did; the numbers then cover what was measured. */
  error?: string;
  connectMs: number;
  /** The monitor's channel cards after the edits, for servers that ask for them. */
  monitor?: Record<string, ChannelMonitor>;
  perSubscriber: Summary;
  allReceived: Summary;
  /** Hub only: the HTTP edit split at the room's `changedAt` stamp. */
  hubPath?: {
    response: Summary;
    sentToStamp: Summary;
    stampToApplied: Summary;
    /** Edits whose HTTP answer came after the last subscriber had applied them. */
    answeredAfterAllApplied: number;
  };
}

const channelOf = (i: number) => CHANNELS[i % CHANNELS.length] ?? 'pc';

const hubServer = (
  hub: Hub,
  target: Omit<Target, 'protocol'>,
  httpUrl: string,
  processes: Server['processes'],
): Server => ({
  target: { ...target, protocol: 'y-websocket' },
  processes,
  inspected: hub.inspected,
  async open(n) {
    const [sku] = await hub.createProduct(`Fan-out bench, ${n} subscribers`, [
      { title: 'One size', price: FIRST_PRICE, stock: 100 },
    ]);
    if (!sku) throw new Error('product created without a SKU');
    await hub.getSku(sku.skuId, httpUrl); // the room is live before anyone connects
    return {
      room: `sku:${sku.skuId}`,
      productId: sku.productId,
      skuId: sku.skuId,
      firstRev: sku.rev,
      edit(k) {
        const sentAt = now();
        const outcome = hub
          .patchSku(sku.skuId, { price: FIRST_PRICE + k }, httpUrl)
          .then((state) => ({ changedAt: state.changedAt, respondedAt: now() }));
        return { sentAt, outcome };
      },
      close() {},
    };
  },
});

/** The hub with SDK storefronts as subscribers, each on the SKU's product page; `ackSampleRate` undefined: the SDK's default. */
const sdkServer = (
  hub: Hub,
  name: string,
  ackSampleRate: number | undefined,
  processes: Server['processes'],
): Server => ({
  ...hubServer(hub, { name, url: hub.syncUrl }, hub.httpUrl, processes),
  monitor: () => hub.monitorChannels(),
  subscriber: (doc, i, onRev) => {
    if (!doc.productId || !doc.skuId) throw new Error(`${doc.room} names no product for SDK subscribers`);
    return openSdkSubscriber(
      { url: hub.httpUrl, channel: channelOf(i), productId: doc.productId, skuId: doc.skuId, ackSampleRate },
      onRev,
    );
  },
});

/** A peer has no admin API: a writer client authors the edits, as a server-side author would. */
const peerServer = (
  name: string,
  protocol: Target['protocol'],
  url: string,
  processes: Server['processes'],
): Server => {
  const target: Target = { name, protocol, url };
  return {
    target,
    processes,
    async open(n) {
      const room = `fanout-${n}-${Date.now()}`;
      const writer: SyncClient = openClient(target, room, 'pc');
      await withTimeout(writer.synced, 10_000, `${name} writer to sync`);
      const sku = writer.doc.getMap<unknown>('sku');
      writer.doc.transact(() => {
        sku.set('skuId', room);
        sku.set('price', FIRST_PRICE);
        sku.set('stock', 100);
        sku.set('rev', 1);
        sku.set('changedAt', Date.now());
      });
      return {
        room,
        firstRev: 1,
        edit(k, rev) {
          const sentAt = now();
          writer.doc.transact(() => {
            sku.set('price', FIRST_PRICE + k);
            sku.set('rev', rev);
            sku.set('changedAt', Date.now());
          });
          return { sentAt, outcome: Promise.resolve({}) };
        },
        close() {
          writer.destroy();
        },
      };
    },
  };
};

/** y-partyserver (bench/peers/partyserver/) under a `wrangler dev` of its own, and its workerd processes. */
const startPartyserver = async () => {
  const dev = await WranglerDev.create({ config: 'bench/peers/partyserver/wrangler.toml' });
  await dev.start();
  const procs = await wranglerProcesses(dev.port, (body) => body === 'ok');
  return {
    dev,
    syncUrl: `ws://127.0.0.1:${dev.port}/parties`,
    processes: [
      { role: 'workerd (Worker + DOs)', pid: procs.worker },
      { role: 'workerd (dev proxy)', pid: procs.proxy },
    ],
  };
};

/**
 * `bench:floor`'s bare Durable Object (bench/floor/) under its own `wrangler dev`, as a server of
 * this bench: raw sockets as subscribers, each "edit" a frame carrying its rev that
 * `POST /broadcast` sends to every socket. The hub's rows over this one are what its room code
 * costs on top of the runtime.
 */
const startFloor = async () => {
  const dev = await WranglerDev.create({ config: 'bench/floor/wrangler.toml' });
  await dev.start();
  const procs = await wranglerProcesses(dev.port, (body) => body === 'ok');
  const host = `127.0.0.1:${dev.port}`;
  const base = {
    processes: [
      { role: 'workerd (Worker + DO)', pid: procs.worker },
      { role: 'workerd (dev proxy)', pid: procs.proxy },
    ],
    inspected: { inspectorPort: dev.inspectorPort, buildDir: 'bench/floor/.wrangler/tmp' },
  };
  /** A raw socket on the floor's one object: `onFrame` gets each frame it sends. */
  const subscribe = (onOpen: () => void, onFrame: (frame: Uint8Array) => void): SdkSubscriber => {
    const socket = new WebSocket(`ws://${host}/`);
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer) => onFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    return {
      synced: new Promise<void>((resolve, reject) => {
        socket.once('open', () => {
          onOpen();
          resolve();
        });
        socket.once('error', reject);
      }),
      destroy: () => socket.terminate(),
    };
  };
  const broadcast = (frame: Uint8Array<ArrayBuffer>) => {
    const sentAt = now();
    const outcome = fetch(`http://${host}/broadcast`, { method: 'POST', body: frame }).then(async (r) => {
      await r.body?.cancel();
      return {};
    });
    return { sentAt, outcome };
  };
  const server: Server = {
    ...base,
    target: { name: FLOOR, protocol: 'y-websocket', url: `ws://${host}/` },
    subscriber: (doc, _i, onRev) =>
      subscribe(
        () => onRev(doc.firstRev, now()),
        (frame) => onRev(new DataView(frame.buffer, frame.byteOffset).getUint32(0, true), now()),
      ),
    async open() {
      return {
        room: 'crowd',
        firstRev: 0,
        edit(_k, rev) {
          const frame = Buffer.alloc(FLOOR_FRAME_BYTES, rev);
          frame.writeUInt32LE(rev, 0);
          return broadcast(frame);
        },
        close() {},
      };
    },
  };
  /**
   * The same object sending each edit as the y-websocket update frame a Yjs server sends, which
   * each subscriber applies to its own document as the stock provider does: the clients' share of
   * the hub's rows, with none of the hub's server work.
   */
  let source = new Y.Doc();
  const yjsServer: Server = {
    ...base,
    target: { name: FLOOR_YJS, protocol: 'y-websocket', url: `ws://${host}/` },
    subscriber: (doc, _i, onRev) => {
      const local = new Y.Doc();
      Y.applyUpdate(local, Y.encodeStateAsUpdate(source));
      watchRev(local.getMap('sku'), onRev);
      return subscribe(
        () => onRev(doc.firstRev, now()),
        (frame) => {
          const decoder = decoding.createDecoder(frame);
          if (decoding.readVarUint(decoder) === MESSAGE_SYNC) {
            syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), local, 'floor');
          }
        },
      );
    },
    async open() {
      source = new Y.Doc();
      source.getMap('sku').set('rev', 0);
      return {
        room: 'crowd',
        firstRev: 0,
        edit(k, rev) {
          const before = Y.encodeStateVector(source);
          const sku = source.getMap('sku');
          source.transact(() => {
            sku.set('price', FIRST_PRICE + k);
            sku.set('rev', rev);
          });
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(source, before));
          return broadcast(encoding.toUint8Array(encoder));
        },
        close() {},
      };
    },
  };
  return { dev, server, yjsServer };
};

/**
 * A y-partyserver document, edited by `POST` to its room as the hub is by `PATCH` (the same clients,
 * the same kind of trigger: an HTTP request through the Worker into the object).
 */
const partyServer = (name: string, party: Awaited<ReturnType<typeof startPartyserver>>, binding: string): Server => {
  const base = `${party.syncUrl}/${binding}`;
  return {
    target: { name, protocol: 'y-websocket', url: base },
    processes: party.processes,
    inspected: { inspectorPort: party.dev.inspectorPort, buildDir: 'bench/peers/partyserver/.wrangler/tmp' },
    async open(n) {
      const room = `fanout-${n}-${Date.now()}`;
      const post = async (price: number, rev: number) => {
        const response = await fetch(`${base.replace('ws://', 'http://')}/${room}`, {
          method: 'POST',
          body: JSON.stringify({ price, rev }),
        });
        if (!response.ok) throw new Error(`${name}: edit answered ${response.status}`);
        await response.body?.cancel();
        return {};
      };
      await post(FIRST_PRICE, 1);
      return {
        room,
        firstRev: 1,
        edit(k, rev) {
          const sentAt = now();
          return { sentAt, outcome: post(FIRST_PRICE + k, rev) };
        },
        close() {},
      };
    },
  };
};

/** RSS of each of `server`'s processes, before and after `settle()` (and the server going quiet). */
const measureMemory = async (
  server: Server,
  n: number,
  note: string,
  settle: () => Promise<unknown>,
): Promise<MemoryRow[]> => {
  const pids = server.processes.map((p) => p.pid);
  await untilIdle(pids);
  const before = pids.map(rssBytes);
  await settle();
  // Connecting makes every server relay each newcomer's awareness to everyone: let that drain.
  await untilIdle(pids);
  return server.processes.map((p, i) => {
    const beforeBytes = before[i] ?? Number.NaN;
    const afterBytes = rssBytes(p.pid);
    return {
      server: server.target.name,
      note,
      process: p.role,
      pid: p.pid,
      beforeBytes,
      afterBytes,
      perSocketBytes: (afterBytes - beforeBytes) / n,
    };
  });
};

/** BENCH_PROFILE=1 samples the CPU of each Worker under wrangler dev during its edits at the largest N. */
const profiled = (server: Server, n: number): server is Server & { inspected: Inspected } =>
  PROFILE && server.inspected !== undefined && n === Math.max(...SUBSCRIBERS);

const report = (run: string, profile: Profile) => {
  const file = new URL(`./results/fanout-${run.replace(/\W+/g, '-')}.cpuprofile`, import.meta.url).pathname;
  saveProfile(profile, file);
  console.log(`CPU during the edits, ${run} (${file}):\n${summarizeProfile(profile)}`);
};

/**
 * One server, N subscribers: connect them, make the edits, measure. With `memory`, also the
 * servers' RSS from before the connect to after the warm-up edits. A timeout ends the run early and is reported, not thrown.
 */
const run = async (server: Server, n: number, memory?: MemoryRow[]): Promise<RunResult> => {
  const name = server.target.name;
  const doc = await server.open(n);
  const arrivals = new Arrivals();
  let clients: SdkSubscriber[] = [];
  let connectMs = Number.NaN;
  const onRev = (rev: number, at: number) => arrivals.record(String(rev), at);
  const connect = async () => {
    const connected = await connectAll(
      n,
      (i) => {
        if (server.subscriber) return server.subscriber(doc, i, onRev);
        const client = openClient(server.target, doc.room, channelOf(i));
        watchRev(client.doc.getMap('sku'), onRev);
        return client;
      },
      { window: CONNECT_WINDOW, timeoutMs: CONNECT_TIMEOUT_MS, label: `${name}` },
    );
    clients = connected.clients;
    connectMs = connected.elapsedMs;
  };
  const samples: EditSample[] = [];
  let error: string | undefined;
  let monitor: Record<string, ChannelMonitor> | undefined;
  /** Makes edit number `k` and waits until every subscriber has applied it. */
  const edit = async (k: number): Promise<EditSample> => {
    const rev = doc.firstRev + k;
    const key = String(rev);
    const { sentAt, outcome } = doc.edit(k, rev);
    const [, result] = await Promise.all([
      arrivals.until(
        () => arrivals.count(key) >= n,
        EDIT_TIMEOUT_MS,
        `${name} N=${n}: all subscribers to apply rev ${rev}`,
      ),
      withTimeout(outcome, EDIT_TIMEOUT_MS, `${name} N=${n}: the answer to edit ${k}`),
    ]);
    const arrived = arrivals.times(key);
    return {
      latencies: arrived.map((t) => t - sentAt),
      sentWall: wallClock(sentAt),
      arrivalsWall: arrived.map(wallClock),
      ...(result.changedAt === undefined ? {} : { changedAt: result.changedAt }),
      ...(result.respondedAt === undefined ? {} : { respondedMs: result.respondedAt - sentAt }),
    };
  };
  /**
   * Connects everyone, and has every socket receive frames (the initial state, the warm-up
   * edits): a server's per-socket buffers and compression state exist once a socket has carried
   * frames, so memory is compared in that steady state.
   */
  const settle = async () => {
    await connect();
    // Every run starts its edits from a quiet server.
    await untilIdle(server.processes.map((p) => p.pid));
    await arrivals.until(() => arrivals.count(String(doc.firstRev)) >= n, EDIT_TIMEOUT_MS, `${name}: initial state`);
    for (let k = 1; k <= WARMUP_EDITS; k++) await edit(k);
  };
  try {
    if (memory) memory.push(...(await measureMemory(server, n, 'within this run', settle)));
    else await settle();
    await untilIdle(server.processes.map((p) => p.pid));
    const profiling = profiled(server, n) ? await startProfiling(server.inspected) : null;
    for (let k = WARMUP_EDITS + 1; k <= WARMUP_EDITS + EDITS; k++) samples.push(await edit(k));
    if (profiling) report(`${name}, N=${n}`, await profiling.stop());
    if (server.monitor) monitor = await server.monitor();
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  } finally {
    for (const c of clients) c.destroy();
    doc.close();
  }
  const allReceived = samples.map((s) => Math.max(...s.latencies));
  const result: RunResult = {
    server: name,
    n,
    ...(error === undefined ? {} : { error }),
    ...(monitor === undefined ? {} : { monitor }),
    connectMs,
    perSubscriber: summarize(samples.flatMap((s) => s.latencies)),
    allReceived: summarize(allReceived),
  };
  const stamped = samples.filter((s) => s.changedAt !== undefined && s.respondedMs !== undefined);
  if (stamped.length > 0) {
    result.hubPath = {
      response: summarize(stamped.map((s) => s.respondedMs ?? 0)),
      sentToStamp: summarize(stamped.map((s) => (s.changedAt ?? 0) - s.sentWall)),
      stampToApplied: summarize(stamped.flatMap((s) => s.arrivalsWall.map((t) => t - (s.changedAt ?? 0)))),
      answeredAfterAllApplied: stamped.filter((s) => (s.respondedMs ?? 0) > Math.max(...s.latencies)).length,
    };
  }
  // Let the server finish closing the sockets before the next run is timed.
  const idle = await untilIdle(
    server.processes.map((p) => p.pid),
    { timeoutMs: IDLE_TIMEOUT_MS },
  );
  if (!idle) console.warn(`  (${name} still busy ${IDLE_TIMEOUT_MS / 1000} s after the run)`);
  return result;
};

/** Sequential request latency of the hub's HTTP paths, through the dev proxy and straight to the worker. */
const probeHttp = async (hub: Hub, directUrl: string) => {
  const [sku] = await hub.createProduct('HTTP probe', [{ title: 'One size', price: FIRST_PRICE, stock: 100 }]);
  if (!sku) throw new Error('product created without a SKU');
  const timeRequests = async (request: (i: number) => Promise<unknown>) => {
    const took: number[] = [];
    for (let i = 0; i < WARMUP_EDITS + PROBES; i++) {
      const t = now();
      await request(i);
      if (i >= WARMUP_EDITS) took.push(now() - t);
    }
    return summarize(took);
  };
  const health = (base: string) => async () => (await fetch(`${base}/health`)).text();
  const rows: Array<{ request: string; via: string; latency: Summary }> = [];
  for (const [via, base] of [
    ['wrangler dev port', hub.httpUrl],
    ['worker port (no dev proxy)', directUrl],
  ] as const) {
    rows.push({ request: 'GET /health (edge Worker only)', via, latency: await timeRequests(health(base)) });
    rows.push({
      request: 'GET /api/skus/:id (edge -> SkuRoom RPC)',
      via,
      latency: await timeRequests(() => hub.getSku(sku.skuId, base)),
    });
    rows.push({
      request: 'PATCH /api/admin/skus/:id (no subscribers)',
      via,
      latency: await timeRequests((i) =>
        hub.patchSku(sku.skuId, { price: FIRST_PRICE + i + (via === 'wrangler dev port' ? 0 : 1000) }, base),
      ),
    });
  }
  return rows;
};

/** RSS per socket on a hub of its own (a fresh wrangler dev), for clients that `target` describes. */
const freshHubMemory = async (target: Omit<Target, 'protocol'>, n: number): Promise<MemoryRow[]> => {
  const hub = await Hub.start();
  try {
    const procs = await hub.processes();
    const server = hubServer(hub, { ...target, url: hub.syncUrl }, hub.httpUrl, [
      { role: 'workerd (Worker + DOs)', pid: procs.worker },
      { role: 'workerd (dev proxy)', pid: procs.proxy },
    ]);
    const doc = await server.open(n);
    let clients: SyncClient[] = [];
    try {
      return await measureMemory(server, n, 'fresh wrangler dev', async () => {
        clients = (
          await connectAll(n, (i) => openClient(server.target, doc.room, channelOf(i)), {
            window: CONNECT_WINDOW,
            timeoutMs: CONNECT_TIMEOUT_MS,
            label: target.name,
          })
        ).clients;
      });
    } finally {
      for (const c of clients) c.destroy();
    }
  } finally {
    await hub.stop();
  }
};

const main = async () => {
  requireOpenFiles(Math.max(...SUBSCRIBERS) + 500);
  const info = runInfo();
  console.log(
    `bench:fanout: N = ${SUBSCRIBERS.join(', ')}; ${EDITS} edits (+${WARMUP_EDITS} warm-up) per server and N`,
  );
  console.log(
    'starting wrangler dev (migrated, seeded), y-partyserver under its own wrangler dev, the y-websocket reference server and Hocuspocus...',
  );
  const [hub, floor, party, yws, hocus] = await Promise.all([
    Hub.start(),
    startFloor(),
    startPartyserver(),
    startPeer('yWebsocketServer.ts'),
    startPeer('hocuspocusServer.ts'),
  ]);
  const stopAll = () => Promise.all([hub.stop(), floor.dev.dispose(), party.dev.dispose(), yws.stop(), hocus.stop()]);
  try {
    const procs = await hub.processes();
    const directUrl = `http://127.0.0.1:${procs.workerPort}`;
    const hubProcesses = [
      { role: 'workerd (Worker + DOs)', pid: procs.worker },
      { role: 'workerd (dev proxy)', pid: procs.proxy },
    ];
    const all: Server[] = [
      hubServer(hub, { name: 'hub', url: hub.syncUrl }, hub.httpUrl, hubProcesses),
      hubServer(
        hub,
        { name: 'hub (no dev proxy)', url: `ws://127.0.0.1:${procs.workerPort}/sync` },
        directUrl,
        hubProcesses,
      ),
      hubServer(hub, { name: 'hub (no deflate)', url: hub.syncUrl, offerDeflate: false }, hub.httpUrl, hubProcesses),
      hubServer(
        hub,
        { name: 'hub (no deflate/proxy)', url: `ws://127.0.0.1:${procs.workerPort}/sync`, offerDeflate: false },
        directUrl,
        hubProcesses,
      ),
      ...(ACKS
        ? [
            hubServer(
              hub,
              { name: 'hub (SDK acks)', url: hub.syncUrl, reportSeen: { map: 'sku' } },
              hub.httpUrl,
              hubProcesses,
            ),
          ]
        : []),
      ...(SDK
        ? [
            sdkServer(hub, 'hub (SDK clients)', undefined, hubProcesses),
            sdkServer(hub, 'hub (SDK clients without acks)', 0, hubProcesses),
          ]
        : []),
      floor.server,
      floor.yjsServer,
      partyServer('y-partyserver', party, 'document'),
      partyServer('y-partyserver (hibernate)', party, 'hibernating-document'),
      peerServer('y-websocket', 'y-websocket', yws.url, [{ role: 'server', pid: yws.pid }]),
      peerServer('hocuspocus', 'hocuspocus', hocus.url, [{ role: 'server', pid: hocus.pid }]),
    ];
    const servers = ONLY.flatMap((name) => all.filter((server) => server.target.name === name));
    console.log(
      `hub: wrangler dev on :${hub.port} (dev proxy workerd ${procs.proxy}; Worker + DOs in workerd ${procs.worker}, its own port :${procs.workerPort})`,
    );
    console.log(
      `y-partyserver: wrangler dev on :${party.dev.port} (workerd ${party.processes.map((p) => p.pid).join(', ')}); y-websocket reference server: pid ${yws.pid} :${yws.port}; Hocuspocus: pid ${hocus.pid} :${hocus.port}`,
    );
    console.log(
      [
        'clients: y-websocket 3 WebsocketProvider over ws for the hub and the reference server; @hocuspocus/provider for',
        'Hocuspocus (the stock WebsocketProvider cannot sync with Hocuspocus v4: its messages carry a document-name prefix).',
        'ws offers permessage-deflate like browsers do: the hub (workerd) accepts it, both peers decline it;',
        '"hub (no deflate)" uses clients that do not offer it. "hub (no dev proxy)" bypasses wrangler\'s dev proxy.',
      ].join('\n'),
    );

    const http = await probeHttp(hub, directUrl);
    const results: RunResult[] = [];
    const memory: MemoryRow[] = [];
    const measured = new Set<string>();
    for (const n of SUBSCRIBERS) {
      for (const server of servers) {
        const started = now();
        // Memory is taken on each process's first N = MEMORY_AT run only: RSS does not shrink back.
        const processKey = server.processes.map((p) => p.pid).join(',');
        const takeMemory = n === MEMORY_AT && !measured.has(processKey);
        if (takeMemory) measured.add(processKey);
        const result = await run(server, n, takeMemory ? memory : undefined);
        results.push(result);
        console.log(
          `  N=${n} ${server.target.name}: connect ${ms(result.connectMs)} ms, per-subscriber p50 ${ms(result.perSubscriber.p50)} / p99 ${ms(result.perSubscriber.p99)} ms, all-received p50 ${ms(result.allReceived.p50)} ms (${((now() - started) / 1000).toFixed(1)} s)${result.error ? `; STOPPED: ${result.error}` : ''}`,
        );
      }
    }
    await stopAll();
    if (SUBSCRIBERS.includes(MEMORY_AT)) {
      console.log(`measuring RSS per socket for clients without permessage-deflate on a fresh wrangler dev...`);
      memory.push(...(await freshHubMemory({ name: 'hub (no deflate)', url: '', offerDeflate: false }, MEMORY_AT)));
    }

    publishResults('fanout', render(results, memory, http), {
      info,
      config: { subscribers: SUBSCRIBERS, edits: EDITS, warmupEdits: WARMUP_EDITS, connectWindow: CONNECT_WINDOW },
      results,
      memory,
      http,
    });
  } catch (error) {
    console.error(`--- wrangler dev output ---\n${hub.logs()}`);
    throw error;
  } finally {
    await stopAll();
  }
};

const render = (results: RunResult[], memory: MemoryRow[], http: Awaited<ReturnType<typeof probeHttp>>): string => {
  const find = (server: string, n: number) => results.find((r) => r.server === server && r.n === n);
  const metrics = (r: RunResult) => [
    r.connectMs,
    r.perSubscriber.p50,
    r.perSubscriber.p95,
    r.perSubscriber.p99,
    r.allReceived.p50,
    r.allReceived.p99,
  ];
  const metricNames = ['connect', 'sub p50', 'sub p95', 'sub p99', 'all p50', 'all p99'];
  const out: string[] = [];
  out.push(
    formatTable(
      `Fan-out: one document, N subscribers (pc/h5/mini/app), ${EDITS} edits of one price, ms (connect: all N synced; sub: edit sent -> that subscriber's observer; all: edit sent -> last subscriber)`,
      ['N', 'server', ...metricNames, 'samples'],
      results.map((r) => [r.n, r.server, ...metrics(r).map(ms), r.perSubscriber.count]),
    ),
  );
  const stopped = results.filter((r) => r.error);
  if (stopped.length > 0) out.push(stopped.map((r) => `STOPPED N=${r.n} ${r.server}: ${r.error}`).join('\n'));
  const ratioRows: Cell[][] = [];
  for (const n of SUBSCRIBERS) {
    for (const hubName of [
      'hub',
      'hub (no dev proxy)',
      'hub (no deflate)',
      'hub (no deflate/proxy)',
      'hub (SDK acks)',
      'hub (SDK clients)',
      'hub (SDK clients without acks)',
    ]) {
      for (const peer of [FLOOR, FLOOR_YJS, ...RUNTIME_PEERS, ...NODE_PEERS]) {
        const a = find(hubName, n);
        const b = find(peer, n);
        if (!a || !b) continue;
        const ma = metrics(a);
        const mb = metrics(b);
        ratioRows.push([n, `${hubName} / ${peer}`, ...ma.map((v, i) => times(ratio(v, mb[i] ?? Number.NaN)))]);
      }
    }
  }
  out.push(formatTable('Hub / peer ratios (above 1: the hub is slower)', ['N', 'ratio', ...metricNames], ratioRows));
  const sdkRows: Cell[][] = [];
  for (const n of SUBSCRIBERS) {
    // Repeated runs pair up in order: the k-th run of each variant with the k-th of the other.
    const sampled = results.filter((r) => r.server === 'hub (SDK clients)' && r.n === n);
    const silent = results.filter((r) => r.server === 'hub (SDK clients without acks)' && r.n === n);
    sampled.forEach((run, k) => {
      const other = silent[k];
      if (!other) return;
      const ms0 = metrics(other);
      sdkRows.push([n, k + 1, ...metrics(run).map((v, i) => times(ratio(v, ms0[i] ?? Number.NaN)))]);
    });
  }
  const monitored = results.filter((r) => r.monitor);
  if (monitored.length > 0)
    out.push(
      formatTable(
        "The monitoring page's channel cards after each SDK run (every room's acknowledgements in its window; samples = acknowledgements measured)",
        ['N', 'server', 'channel', 'connected', 'samples', 'p50', 'p95', 'state'],
        monitored.flatMap((r) =>
          CHANNELS.map((channel) => {
            const card = r.monitor?.[channel];
            return [
              r.n,
              r.server,
              channel,
              card?.connected ?? 0,
              card?.samples ?? 0,
              ms(card?.p50Ms ?? Number.NaN),
              ms(card?.p95Ms ?? Number.NaN),
              card?.state ?? '-',
            ];
          }),
        ),
      ),
    );
  if (sdkRows.length > 0)
    out.push(
      formatTable(
        'SDK clients acknowledging at the default sample rate / SDK clients that never acknowledge (within 1.10x: the acks cost at most 10 %)',
        ['N', 'pair', ...metricNames],
        sdkRows,
      ),
    );
  out.push(
    formatTable(
      "Hub edit path, split at the SkuRoom's changedAt stamp (server clock = client clock, same machine), ms",
      [
        'N',
        'server',
        'PATCH answer p50',
        'p99',
        'sent->changedAt p50',
        'p99',
        'changedAt->applied p50',
        'p99',
        'answer after last sub',
      ],
      results
        .filter((r) => r.hubPath)
        .map((r) => {
          const p = r.hubPath;
          return [
            r.n,
            r.server,
            ms(p?.response.p50 ?? Number.NaN),
            ms(p?.response.p99 ?? Number.NaN),
            ms(p?.sentToStamp.p50 ?? Number.NaN),
            ms(p?.sentToStamp.p99 ?? Number.NaN),
            ms(p?.stampToApplied.p50 ?? Number.NaN),
            ms(p?.stampToApplied.p99 ?? Number.NaN),
            `${p?.answeredAfterAllApplied ?? 0}/${p?.response.count ?? 0}`,
          ];
        }),
    ),
  );
  out.push(
    formatTable(
      'Hub HTTP paths with no subscribers (sequential requests), ms',
      ['request', 'via', 'p50', 'p95', 'p99'],
      http.map((h) => [h.request, h.via, ms(h.latency.p50), ms(h.latency.p95), ms(h.latency.p99)]),
    ),
  );
  out.push(
    formatTable(
      `Resident memory from before connecting ${MEMORY_AT} subscribers to after their warm-up edits (RSS)`,
      ['server', 'process', 'measured', 'before MiB', 'after MiB', 'per socket KiB'],
      memory.map((m) => [m.server, m.process, m.note, mib(m.beforeBytes), mib(m.afterBytes), kib(m.perSocketBytes)]),
    ),
  );
  return out.join('\n\n');
};

await main();
// Providers' reconnect timers and undici's keep-alive pool would hold the process open.
process.exit(0);
