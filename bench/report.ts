/** What every benchmark run records about itself, and where its JSON goes (bench/results/, gitignored). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openFilesLimit } from './procs';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

const git = (...args: string[]): string => {
  try {
    return execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

export interface RunInfo {
  startedAt: string;
  commit: string;
  /** Files changed since that commit (the hub measured may differ from it). */
  uncommitted: string[];
  node: string;
  cpus: number;
  cpuModel: string;
  memoryMiB: number;
}

export const runInfo = (): RunInfo => ({
  startedAt: new Date().toISOString(),
  commit: git('rev-parse', 'HEAD'),
  uncommitted: git('status', '--porcelain')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3)),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryMiB: Math.round(totalmem() / 1024 / 1024),
});

/** Prints the tables and writes them with `data` to bench/results/<name>-<timestamp>.json. */
export const publishResults = (name: string, tables: string, data: Record<string, unknown>): void => {
  console.log(`\n${tables}\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = `${RESULTS_DIR}${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify({ ...data, tables }, null, 2)}\n`);
  console.log(`written to ${file}`);
};

/** Fails early, with the fix, when this process may not open `needed` files (sockets count). */
export const requireOpenFiles = (needed: number): void => {
  const limit = openFilesLimit();
  if (limit < needed) {
    throw new Error(
      `open-files limit is ${limit}, this benchmark needs ${needed}: run it through npm (which raises it) or \`ulimit -n ${needed}\``,
    );
  }
};
