/**
 * A CPU profile of the Worker under `wrangler dev`, taken over its inspector (the Chrome DevTools
 * protocol's Profiler domain, which workerd speaks): where a benchmark's CPU goes, by function.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { WebSocket } from 'ws';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A running profile: `stop()` ends it and answers the profile. */
export interface Profiling {
  stop(): Promise<Profile>;
}

const connect = async (inspectorPort: number): Promise<WebSocket> => {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as Array<{
    webSocketDebuggerUrl: string;
    title: string;
  }>;
  // The hub's own Worker, not the Mini-Shop emulator or wrangler's internal ones.
  const target = targets.find((t) => !/emulator|internal/i.test(t.title)) ?? targets[0];
  if (!target) throw new Error(`no inspector target on port ${inspectorPort}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
};

const session = (socket: WebSocket) => {
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message.result);
    waiting.delete(message.id);
  });
  return <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, (result) => resolve(result as T));
      socket.send(JSON.stringify({ id, method, params }));
    });
};

/** A Worker's bundle as wrangler dev built it: its file name and its source map. */
interface DevBundle {
  file: string;
  map: SourceMap;
}

/**
 * The bundle wrangler dev is running now (it deletes its build when it stops), from its build
 * directory: `.wrangler/tmp` beside the wrangler.toml it runs. The bundle is named after the
 * Worker's main module (`index.js` for the hub, `worker.js` for the floor).
 */
const devBundle = (buildDir: string): DevBundle | null => {
  const tmp = path.resolve(buildDir);
  const maps = readdirSync(tmp)
    .filter((d) => d.startsWith('dev-'))
    .flatMap((d) =>
      readdirSync(path.join(tmp, d))
        .filter((f) => f.endsWith('.js.map'))
        .map((f) => path.join(tmp, d, f)),
    )
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  const newest = maps[0];
  if (!newest) return null;
  return { file: path.basename(newest, '.map'), map: new SourceMap(JSON.parse(readFileSync(newest, 'utf8'))) };
};

/** Points each sampled function at its source file and line instead of the bundle's. */
const toSources = (profile: Profile, { file, map }: DevBundle): Profile => {
  for (const { callFrame } of profile.nodes) {
    if (callFrame.url !== file) continue;
    const entry = map.findEntry(callFrame.lineNumber, callFrame.columnNumber);
    if (!('originalSource' in entry)) continue;
    callFrame.url = entry.originalSource;
    callFrame.lineNumber = entry.originalLine;
    callFrame.columnNumber = entry.originalColumn;
  }
  return profile;
};

/** Where a Worker under wrangler dev is inspected, and where its build is. */
export interface Inspected {
  inspectorPort: number;
  buildDir: string;
}

/** Starts sampling the Worker's CPU every `intervalUs` microseconds. */
export const startProfiling = async ({ inspectorPort, buildDir }: Inspected, intervalUs = 200): Promise<Profiling> => {
  const socket = await connect(inspectorPort);
  const send = session(socket);
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: intervalUs });
  await send('Profiler.start');
  return {
    async stop() {
      const { profile } = await send<{ profile: Profile }>('Profiler.stop');
      socket.close();
      const bundle = devBundle(buildDir);
      return bundle ? toSources(profile, bundle) : profile;
    },
  };
};

const place = (node: ProfileNode): string => {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const file = url.replace(/^.*\/(workers|shared|node_modules)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
};

/**
 * What each sample stands for, in µs: the time since the one before, but at most four typical
 * intervals. Under load workerd's sampler is starved (gaps of a second and more between samples),
 * and a gap's whole length would land on whatever one sample caught after it.
 */
const sampleWeights = (profile: Profile): number[] => {
  const sorted = [...profile.timeDeltas].sort((a, b) => a - b);
  const cap = 4 * (sorted[Math.floor(sorted.length / 2)] ?? 0);
  return profile.timeDeltas.map((delta) => Math.min(delta, cap));
};

/**
 * The functions with the most CPU, by self time and by total time (self plus what they called),
 * in ms and as a share of the sampled busy time; idle and garbage collection are named apart.
 */
export const summarizeProfile = (profile: Profile, top = 25): string => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const weight = sampleWeights(profile);
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (weight[i] ?? 0));
  const selfByPlace = new Map<string, number>();
  const totalByPlace = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') continue;
    busy += us;
    selfByPlace.set(place(node), (selfByPlace.get(place(node)) ?? 0) + us);
    // Each place counted once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const p = place(byId.get(at) as ProfileNode);
      if (seen.has(p)) continue;
      seen.add(p);
      totalByPlace.set(p, (totalByPlace.get(p) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([p, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((us / busy) * 100).toFixed(1).padStart(5)} %  ${p}`,
      )
      .join('\n');
  return [
    `busy ${(busy / 1000).toFixed(0)} ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms sampled`,
    'self time:',
    rows(selfByPlace),
    'total time:',
    rows(totalByPlace),
  ].join('\n');
};

/** Writes the profile where Chrome DevTools can open it. */
export const saveProfile = (profile: Profile, file: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
};
