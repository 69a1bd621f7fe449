/**
 * `npm run bench:floor`: what the runtime alone costs to fan one small frame out to N sockets. No
 * Yjs, no storage, no product code: a bare Durable Object under `wrangler dev` (bench/floor/: the
 * socket upgraded through a Worker into the object, Hibernation API, as the hub's rooms do) next
 * to a bare Node `ws` server (bench/peers/broadcastServer.ts). Same raw `ws` clients, same trigger
 * (an HTTP POST whose body is the frame, as the hub's edit is a PATCH), same frame size as a
 * price edit. Whatever a room built on this runtime does, it adds to these figures: they are
 * what `bench:fanout`'s hub can reach on this machine at best.
 */
import { WebSocket } from 'ws';
import { WranglerDev } from '../test/e2e/support/wranglerDev';
import { Arrivals, connectAll, now } from './clients';
import { type PeerProcess, startPeer } from './peers/spawn';
import { untilIdle, wranglerProcesses } from './procs';
import { publishResults, requireOpenFiles, runInfo } from './report';
import { formatTable, ms, type Summary, summarize } from './stats';

const SUBSCRIBERS = (process.env.BENCH_N ?? '100,1000').split(',').map(Number);
const BROADCASTS = 30;
const WARMUP_BROADCASTS = 2;
/** A y-websocket update frame for one price edit of a SKU room is about this long. */
const FRAME_BYTES = 48;
const CONNECT_WINDOW = 100;
const CONNECT_TIMEOUT_MS = 120_000;
const BROADCAST_TIMEOUT_MS = 15_000;

interface Variant {
  name: string;
  /** Base URL without scheme: sockets go to ws://, the trigger to http://. */
  host: string;
  offerDeflate: boolean;
  pids: number[];
}

interface FloorResult {
  variant: string;
  n: number;
  connectMs: number;
  perSubscriber: Summary;
  allReceived: Summary;
}

/** One raw socket that logs each frame's arrival under its sequence number; ready once open. */
const openSocket = (variant: Variant, arrivals: Arrivals) => {
  const socket = new WebSocket(`ws://${variant.host}/`, { perMessageDeflate: variant.offerDeflate });
  socket.binaryType = 'nodebuffer';
  socket.on('message', (data: Buffer) => arrivals.record(String(data.readUInt32LE(0)), now()));
  return {
    synced: new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    }),
    destroy: () => socket.terminate(),
  };
};

const run = async (variant: Variant, n: number): Promise<FloorResult> => {
  await untilIdle(variant.pids);
  const arrivals = new Arrivals();
  const { clients: sockets, elapsedMs: connectMs } = await connectAll(n, () => openSocket(variant, arrivals), {
    window: CONNECT_WINDOW,
    timeoutMs: CONNECT_TIMEOUT_MS,
    label: variant.name,
  });
  const perSubscriber: number[] = [];
  const allReceived: number[] = [];
  try {
    for (let seq = 1; seq <= WARMUP_BROADCASTS + BROADCASTS; seq += 1) {
      const frame = Buffer.alloc(FRAME_BYTES, seq);
      frame.writeUInt32LE(seq, 0);
      const key = String(seq);
      const sentAt = now();
      const answered = fetch(`http://${variant.host}/broadcast`, { method: 'POST', body: frame }).then((r) =>
        r.body?.cancel(),
      );
      await arrivals.until(() => arrivals.count(key) >= n, BROADCAST_TIMEOUT_MS, `broadcast ${seq} on ${variant.name}`);
      await answered;
      if (seq <= WARMUP_BROADCASTS) continue;
      const times = arrivals.times(key).map((at) => at - sentAt);
      perSubscriber.push(...times);
      allReceived.push(Math.max(...times));
    }
  } finally {
    for (const socket of sockets) socket.destroy();
  }
  return {
    variant: variant.name,
    n,
    connectMs,
    perSubscriber: summarize(perSubscriber),
    allReceived: summarize(allReceived),
  };
};

const main = async () => {
  requireOpenFiles(Math.max(...SUBSCRIBERS) + 500);
  const info = runInfo();
  console.log(`bench:floor: N = ${SUBSCRIBERS.join(', ')}; ${BROADCASTS} broadcasts of ${FRAME_BYTES} bytes`);
  const dev = await WranglerDev.create({ config: 'bench/floor/wrangler.toml' });
  const peers: PeerProcess[] = [];
  try {
    await dev.start();
    peers.push(await startPeer('broadcastServer.ts'), await startPeer('broadcastServer.ts', { FLOOR_DEFLATE: '1' }));
    const [plain, deflate] = peers as [PeerProcess, PeerProcess];
    const procs = await wranglerProcesses(dev.port, (body) => body === 'ok');
    const workerd = [procs.worker, procs.proxy];
    const viaProxy = `127.0.0.1:${dev.port}`;
    const direct = `127.0.0.1:${procs.workerPort}`;
    const variants: Variant[] = [
      { name: 'workerd DO', host: viaProxy, offerDeflate: true, pids: workerd },
      { name: 'workerd DO (no deflate)', host: viaProxy, offerDeflate: false, pids: workerd },
      { name: 'workerd DO (no deflate/proxy)', host: direct, offerDeflate: false, pids: workerd },
      { name: 'node ws', host: `127.0.0.1:${plain.port}`, offerDeflate: true, pids: [plain.pid] },
      { name: 'node ws (deflate)', host: `127.0.0.1:${deflate.port}`, offerDeflate: true, pids: [deflate.pid] },
    ];
    const results: FloorResult[] = [];
    for (const n of SUBSCRIBERS) {
      for (const variant of variants) {
        const result = await run(variant, n);
        results.push(result);
        console.log(
          `  N=${n} ${variant.name}: sub p50 ${ms(result.perSubscriber.p50)} / p99 ${ms(result.perSubscriber.p99)} ms, all p99 ${ms(result.allReceived.p99)} ms`,
        );
      }
    }
    const table = formatTable(
      `Runtime floor: one ${FRAME_BYTES}-byte frame to N raw sockets, ${BROADCASTS} broadcasts, ms (sub: POST sent -> that socket received; all: -> last socket)`,
      ['N', 'server', 'connect', 'sub p50', 'sub p95', 'sub p99', 'all p50', 'all p99'],
      results.map((r) => [
        r.n,
        r.variant,
        ms(r.connectMs),
        ms(r.perSubscriber.p50),
        ms(r.perSubscriber.p95),
        ms(r.perSubscriber.p99),
        ms(r.allReceived.p50),
        ms(r.allReceived.p99),
      ]),
    );
    publishResults('floor', table, {
      info,
      config: { subscribers: SUBSCRIBERS, broadcasts: BROADCASTS, frameBytes: FRAME_BYTES },
      results,
    });
  } catch (error) {
    console.error(`--- wrangler dev output ---\n${dev.logs()}`);
    throw error;
  } finally {
    await Promise.all([dev.dispose(), ...peers.map((p) => p.stop())]);
  }
};

await main();
// undici's keep-alive pool would hold the process open.
process.exit(0);
