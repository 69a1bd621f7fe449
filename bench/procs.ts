/** Linux process facts from /proc: resident memory, parents and children, listening sockets. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // the process went away, or it is not ours to read
  }
};

const pids = (): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);

/** Resident set size of `pid` in bytes (VmRSS), NaN when the process is gone. */
export const rssBytes = (pid: number): number => {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(read(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) * 1024 : Number.NaN;
};

/** The executable name (`comm`) and parent of `pid`, from /proc/<pid>/stat. */
const stat = (pid: number): { comm: string; ppid: number } | null => {
  const text = read(`/proc/${pid}/stat`);
  if (!text) return null;
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  return { comm: text.slice(open + 1, close), ppid: Number(rest[1]) };
};

export const commOf = (pid: number): string | null => stat(pid)?.comm ?? null;

export const parentOf = (pid: number): number | null => stat(pid)?.ppid ?? null;

export const childrenOf = (pid: number): number[] => pids().filter((p) => stat(p)?.ppid === pid);

export const commandLineOf = (pid: number): string[] =>
  (read(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean);

/** Socket inodes listening on TCP, keyed by inode, with their port. */
const listeningSockets = (): Map<string, number> => {
  const sockets = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (read(table) ?? '').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [, local, , state, , , , , , inode] = fields;
      if (state !== '0A' || !local || !inode) continue; // 0A: LISTEN
      sockets.set(inode, Number.parseInt(local.split(':')[1] ?? '', 16));
    }
  }
  return sockets;
};

const socketInodesOf = (pid: number): string[] => {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return [];
  }
  const inodes: string[] = [];
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.push(match[1]);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
};

/** The process that listens on TCP `port`, or null. */
export const pidListeningOn = (port: number): number | null => {
  const inodes = new Set([...listeningSockets()].filter(([, p]) => p === port).map(([inode]) => inode));
  if (inodes.size === 0) return null;
  return pids().find((pid) => socketInodesOf(pid).some((inode) => inodes.has(inode))) ?? null;
};

/** TCP ports `pid` listens on. */
export const listeningPortsOf = (pid: number): number[] => {
  const listening = listeningSockets();
  return socketInodesOf(pid).flatMap((inode) => {
    const port = listening.get(inode);
    return port === undefined ? [] : [port];
  });
};

/** The soft limit on open files of this process. */
export const openFilesLimit = (): number => {
  const match = /^Max open files\s+(\S+)/m.exec(read('/proc/self/limits') ?? '');
  return !match || match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
};

/** CPU time `pid` has used so far (user + system), in clock ticks; NaN when it is gone. */
export const cpuTicks = (pid: number): number => {
  const text = read(`/proc/${pid}/stat`);
  if (!text) return Number.NaN;
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 once pid and comm are cut off.
  return Number(rest[11]) + Number(rest[12]);
};

/** Clock ticks per second for /proc CPU times (USER_HZ: 100 on Linux). */
export const TICKS_PER_SECOND = 100;

/**
 * Resolves once `pids` together use less than `maxCores` of CPU over a `windowMs` sample (so one
 * run's aftermath, e.g. a server closing a thousand sockets, does not leak into the next
 * measurement). Resolves false if they are still busy after `timeoutMs`.
 */
export const untilIdle = async (
  pids: number[],
  { windowMs = 250, maxCores = 0.05, timeoutMs = 30_000 } = {},
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  const total = () => pids.reduce((sum, pid) => sum + (cpuTicks(pid) || 0), 0);
  for (;;) {
    const before = total();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const used = (total() - before) / TICKS_PER_SECOND / (windowMs / 1000);
    if (used < maxCores) return true;
    if (Date.now() > deadline) return false;
  }
};

/**
 * `wrangler dev` runs two workerd processes: a dev proxy that owns the public port and forwards
 * every request and socket, and the one that runs the Worker and its Durable Objects.
 */
export interface WranglerProcesses {
  /** workerd listening on the public port (wrangler's dev proxy). */
  proxy: number;
  /** workerd running the Worker and the Durable Objects. */
  worker: number;
  /** The worker workerd's own entry port (bypasses the dev proxy). */
  workerPort: number;
}

/**
 * Finds both workerd processes of the `wrangler dev` on `publicPort`, and the worker's entry port:
 * the one of its listening ports whose `GET /health` answers 200 with a body `isHealthy` accepts
 * (its other ports answer nothing useful).
 */
export const wranglerProcesses = async (
  publicPort: number,
  isHealthy: (body: string) => boolean,
): Promise<WranglerProcesses> => {
  const proxy = pidListeningOn(publicPort);
  if (proxy === null) throw new Error(`nothing listens on port ${publicPort}`);
  const cli = parentOf(proxy);
  const worker = cli === null ? undefined : childrenOf(cli).find((p) => p !== proxy && commOf(p) === 'workerd');
  if (worker === undefined) throw new Error(`no second workerd beside the dev proxy ${proxy}`);
  for (const port of listeningPortsOf(worker)) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200 && isHealthy(await response.text())) return { proxy, worker, workerPort: port };
    } catch {
      // not the entry socket
    }
  }
  throw new Error(`workerd ${worker} has no port answering /health`);
};
