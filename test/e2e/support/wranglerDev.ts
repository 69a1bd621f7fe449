import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, cp, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { waitFor } from './wait';

/**
 * The project under test: `wrangler dev` runs from here, with its wrangler.toml. (A path, not a
 * `new URL`: under the jsdom environment `URL` is jsdom's, which `fileURLToPath` refuses.)
 */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WRANGLER = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'wrangler');

/** The owner `schema/seed.sql` seeds, as the README gives it. */
export const SEEDED_OWNER = { login: 'owner@mallsync.local', password: 'mallsync-owner' } as const;

/** The operator token the hub under test accepts (`--var ADMIN_TOKEN:…`, overriding .dev.vars). */
export const E2E_ADMIN_TOKEN = 'e2e-admin-token';

const HEALTH_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
/** How much of a process's output is kept for error messages. */
const OUTPUT_KEPT_CHARS = 20_000;

// Never prompt, never phone home; plain text logs.
const ENV = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };

/** The monitoring page's bundle, which wrangler.toml's `[assets]` serves: wrangler dev will not start without it. */
const WEB_ASSETS = path.join(PROJECT_ROOT, 'dist', 'web', 'monitor.html');

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Builds the web assets when they are missing, as `npm start` (its `prestart`) and `npm run test:e2e`
 * do, so a test file run on its own with `npx vitest` starts the hub from a fresh checkout too.
 */
const ensureWebAssets = async (): Promise<void> => {
  if (await exists(WEB_ASSETS)) return;
  await new Promise<void>((resolve, reject) =>
    execFile('npm', ['run', 'build:web'], { cwd: PROJECT_ROOT, env: ENV, timeout: COMMAND_TIMEOUT_MS }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
};

/** A port nobody listens on right now: bind port 0, read what the kernel chose, release it. */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || address === null) {
        server.close();
        reject(new Error('no port assigned'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** wrangler dev prints this when its file watcher rebuilt the Worker (every socket is dropped). */
const RELOAD_MARKER = 'Reloading local server';

/** Keeps the tail of a process's interleaved stdout and stderr, and counts hot reloads in it. */
class OutputTail {
  private text = '';
  private partialLine = '';
  reloads = 0;
  append = (chunk: Buffer | string): void => {
    const text = chunk.toString();
    this.text = (this.text + text).slice(-OUTPUT_KEPT_CHARS);
    const lines = (this.partialLine + text).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) if (line.includes(RELOAD_MARKER)) this.reloads += 1;
  };
  toString(): string {
    return this.text;
  }
}

/**
 * Runs wrangler to completion (with the Node running these tests) and resolves with its standard
 * output; rejects with all its output on failure.
 */
const runWrangler = (args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const output = new OutputTail();
    let stdout = '';
    const child = spawn(process.execPath, [WRANGLER, ...args], {
      cwd: PROJECT_ROOT,
      env: ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output.append(chunk);
    });
    child.stderr.on('data', output.append);
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`wrangler ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });

/** What the seeded persistence directory is made from: the migrations, the seed, the D1 binding and wrangler. */
const seedSources = async (): Promise<string[]> => {
  const migrations = path.join(PROJECT_ROOT, 'schema', 'migrations');
  const sql = (await readdir(migrations)).filter((f) => f.endsWith('.sql')).sort();
  return [
    ...sql.map((f) => path.join(migrations, f)),
    path.join(PROJECT_ROOT, 'schema', 'seed.sql'),
    path.join(PROJECT_ROOT, 'wrangler.toml'),
    path.join(PROJECT_ROOT, 'node_modules', 'wrangler', 'package.json'),
  ];
};

/**
 * A persistence directory with D1 migrated and seeded, made once for these sources and copied for
 * each hub: the two `wrangler d1` runs take seconds, and every test file starts a hub. Files run
 * at once may both make it; the first to finish keeps its copy.
 */
const seededPersistence = async (): Promise<string> => {
  const hash = createHash('sha256');
  for (const file of await seedSources()) hash.update(file).update(await readFile(file));
  const seeded = path.join(tmpdir(), `mallsync-seeded-${hash.digest('hex').slice(0, 16)}`);
  if (await exists(seeded)) return seeded;
  const making = await mkdtemp(path.join(tmpdir(), 'mallsync-seeding-'));
  try {
    await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', making]);
    await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', making, '--file', 'schema/seed.sql']);
    await rename(making, seeded);
  } catch (error) {
    await rm(making, { recursive: true, force: true });
    if (!(await exists(seeded))) throw error;
  }
  return seeded;
};

/**
 * A real `wrangler dev` of this project on 127.0.0.1, with its own persistence directory (D1
 * migrated and seeded with the demo data) and its own port. `stop()` then `start()` restarts it
 * on the same directory and port, which is how the tests play a deploy or a crash.
 */
export class WranglerDev {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private output = new OutputTail();
  private readonly killOnExit = () => this.killGroup('SIGKILL');

  private constructor(
    readonly persistDir: string,
    readonly port: number,
    readonly inspectorPort: number,
    private readonly config: string | null,
    private readonly vars: () => Record<string, string>,
  ) {}

  /**
   * A fresh persistence directory with migrations and the demo seed applied; not started yet.
   * `config` runs another Worker instead (a benchmark's own wrangler.toml, relative to the
   * project root), with no D1 set up; it must answer `GET /health` with 200. `vars` are read at
   * each start and passed as `--var`s (e.g. where another Worker started first listens).
   */
  static async create({
    config,
    vars = () => ({}),
  }: {
    config?: string;
    vars?: () => Record<string, string>;
  } = {}): Promise<WranglerDev> {
    const persistDir = await mkdtemp(path.join(tmpdir(), 'mallsync-e2e-'));
    try {
      if (!config) {
        await ensureWebAssets();
        await cp(await seededPersistence(), persistDir, { recursive: true });
      }
    } catch (error) {
      await rm(persistDir, { recursive: true, force: true });
      throw error;
    }
    // The inspector gets its own free port too, so this never collides with an `npm start`.
    return new WranglerDev(persistDir, await freePort(), await freePort(), config ?? null, vars);
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Where `WebsocketProvider` connects: it appends `/<room>?channel=…`. */
  get syncUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`;
  }

  /** What wrangler dev printed since the last start (for error messages). */
  logs(): string {
    return this.output.toString();
  }

  /**
   * How often wrangler dev rebuilt and reloaded the Worker since the last start. Its file watcher
   * cannot be turned off from the command line, so saving a file under workers/ or shared/ while
   * the tests run restarts every object and drops every socket; tests that assert "no disconnect"
   * check this first, to name that cause instead of blaming the hub.
   */
  reloads(): number {
    return this.output.reloads;
  }

  /** Runs one SQL statement on the local D1 database (as the back office reads it) and returns its rows. */
  async queryD1<Row>(sql: string): Promise<Row[]> {
    const output = await runWrangler([
      'd1',
      'execute',
      'DB',
      '--local',
      '--persist-to',
      this.persistDir,
      '--json',
      '--command',
      sql,
    ]);
    return (JSON.parse(output) as Array<{ results: Row[] }>)[0]?.results ?? [];
  }

  /** Starts wrangler dev and resolves once `GET /health` answers 200. */
  async start(): Promise<void> {
    if (this.child) throw new Error('wrangler dev is already running');
    if (!(await portIsFree(this.port))) throw new Error(`port ${this.port} is taken; cannot start wrangler dev`);
    this.output = new OutputTail();
    const output = this.output;
    const child = spawn(
      process.execPath,
      [
        WRANGLER,
        'dev',
        ...(this.config ? ['--config', this.config] : []),
        '--ip',
        '127.0.0.1',
        '--port',
        String(this.port),
        '--inspector-port',
        String(this.inspectorPort),
        '--persist-to',
        this.persistDir,
        '--var',
        `ADMIN_TOKEN:${E2E_ADMIN_TOKEN}`,
        '--var',
        'TOKEN_SECRET:e2e-token-secret',
        '--var',
        'AUTH_PROVIDERS:development',
        '--var',
        'PAYMENT_PROVIDER:development',
        '--var',
        'PAYMENT_SECRET:e2e-payment-secret',
        ...Object.entries(this.vars()).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
        '--show-interactive-dev-session=false',
      ],
      // Its own process group, so stop() reaches workerd and every other descendant.
      { cwd: PROJECT_ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    this.child = child;
    child.stdout?.on('data', output.append);
    child.stderr?.on('data', output.append);
    let exitedWith: string | null = null;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        exitedWith = signal ?? `exit ${code}`;
        resolve();
      });
      child.once('error', (error) => {
        exitedWith = `spawn error: ${error.message}`;
        resolve();
      });
    });
    process.once('exit', this.killOnExit);

    try {
      await waitFor(
        async () => {
          if (exitedWith) throw new Error(`wrangler dev exited (${exitedWith}) before it was ready`);
          return this.healthy();
        },
        HEALTH_TIMEOUT_MS,
        `GET ${this.httpUrl}/health to answer 200`,
        100,
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.stop();
      throw new Error(`${reason}\n--- wrangler dev output ---\n${output}`);
    }
  }

  /** Kills wrangler dev's whole process group and resolves once it has exited and the port is free. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.killGroup('SIGTERM');
    const stopped = await Promise.race([
      this.exited.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), STOP_GRACE_MS)),
    ]);
    if (!stopped) {
      this.killGroup('SIGKILL');
      await this.exited;
    }
    await this.released();
  }

  private async released(): Promise<void> {
    // workerd (a child in the same group) may outlive wrangler by a moment: wait for its listener.
    await waitFor(() => portIsFree(this.port), STOP_GRACE_MS, `port ${this.port} to be released`, 50);
    process.off('exit', this.killOnExit);
    this.child = null;
  }

  /**
   * Plays a crash: SIGKILL to the whole process group at once (wrangler, workerd and whatever
   * else it started), no SIGTERM first, so no object or socket gets to finish anything; resolves
   * once wrangler has exited and the port is free. `start()` then comes back on the same
   * persistence directory.
   */
  async crash(): Promise<void> {
    if (!this.child) throw new Error('wrangler dev is not running');
    this.killGroup('SIGKILL');
    await this.exited;
    await this.released();
  }

  /** Stops wrangler dev and deletes the persistence directory. */
  async dispose(): Promise<void> {
    await this.stop();
    await rm(this.persistDir, { recursive: true, force: true });
  }

  private async healthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.httpUrl}/health`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return response.status === 200;
    } catch {
      return false; // not listening yet
    }
  }

  private killGroup(signal: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  }
}

/**
 * One `wrangler dev` per test file: started before its tests and stopped after them. What the
 * tests open through `track` (clients, devices) is destroyed after each test. `vars` are the
 * hub's extra `--var`s, read when it starts.
 */
export const useWranglerDev = <Opened extends { destroy(): void }>({
  vars,
}: {
  vars?: () => Record<string, string>;
} = {}) => {
  let hub: WranglerDev | undefined;
  let opened: Opened[] = [];
  beforeAll(async () => {
    hub = await WranglerDev.create({ vars });
    await hub.start();
  });
  afterAll(async () => {
    await hub?.dispose();
  });
  afterEach(() => {
    for (const o of opened) o.destroy();
    opened = [];
  });
  return {
    get hub(): WranglerDev {
      if (!hub) throw new Error('wrangler dev is started in beforeAll');
      return hub;
    },
    /** What this test has opened so far. */
    get opened(): readonly Opened[] {
      return opened;
    },
    track<Kind extends Opened>(o: Kind): Kind {
      opened.push(o);
      return o;
    },
  };
};
