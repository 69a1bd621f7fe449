/**
 * Starts a peer server entry (in this folder) in its own Node process, so its CPU is separate
 * from the benchmark clients' the way the hub's workerd is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PeerReady } from './announce';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export interface PeerProcess {
  pid: number;
  port: number;
  /** Where clients connect (`WebsocketProvider` appends `/<room>`; Hocuspocus takes it as is). */
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs `bench/peers/<entry>` with this Node and tsx (and `env` added to this process's);
 * resolves once it has announced its port.
 */
export const startPeer = (entry: string, env: Record<string, string> = {}): Promise<PeerProcess> =>
  new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL(entry, import.meta.url))],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not announce a port within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${signal ?? `exit ${code}`}) before it was ready`));
    });
    if (!child.stdout || child.pid === undefined) throw new Error(`${entry}: no stdout`);
    const pid = child.pid;
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      let ready: PeerReady | null = null;
      try {
        ready = JSON.parse(line) as PeerReady;
      } catch {
        // other output
      }
      if (!ready?.ready) {
        process.stdout.write(`[${entry}] ${line}\n`);
        return;
      }
      clearTimeout(timer);
      resolve({
        pid,
        port: ready.port,
        url: `ws://127.0.0.1:${ready.port}`,
        async stop() {
          child.stdin?.end();
          child.kill('SIGTERM');
          const stopped = await Promise.race([
            exited.then(() => true),
            new Promise<false>((done) => setTimeout(() => done(false), STOP_TIMEOUT_MS)),
          ]);
          if (!stopped) child.kill('SIGKILL');
        },
      });
    });
  });
