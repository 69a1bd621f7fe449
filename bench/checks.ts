/**
 * `npm run bench:checks`: the hub only. The monitor's consistency checks and Force Sync with
 * 2,000 SKUs (200 products x 10, through the admin API) and 2,000 accounts (members written to D1
 * in one `wrangler d1 execute`, then each given points through the admin API, so every one has its
 * account document and a ledger row). Timed, each over several runs (`POST /api/admin/monitor/...`
 * against `wrangler dev`, request sent -> answer): the full sweep (`?sweep=full`, every room
 * woken), Run checks with nothing changed since the last check, with 10 and with 100 SKUs edited
 * and as many accounts given points since, and Force Sync with 10 SKU rows changed in D1 behind
 * their rooms. Also the CPU time of the Worker's workerd per operation and its memory at the end.
 * Exits non-zero if a check missed a change or Force Sync did not repair the 10.
 */
import type { Checks, ForceSyncResult } from '../shared/docs/monitor';
import { E2E_ADMIN_TOKEN } from '../test/e2e/support/wranglerDev';
import { now } from './clients';
import { Hub } from './hub';
import { cpuTicks, rssBytes, untilIdle } from './procs';
import { publishResults, runInfo } from './report';
import { formatTable, mib, ms, summarize } from './stats';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 200);
const SKUS_PER_PRODUCT = 10;
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** A full sweep wakes every room: fewer runs of it. */
const FULL_RUNS = Math.min(RUNS, 3);
/** Set-up calls run this many at a time: they are not what is measured. */
const LOAD_CONCURRENCY = 20;
/** Members go into D1 this many per statement. */
const MEMBERS_PER_INSERT = 500;
const REQUEST_TIMEOUT_MS = 300_000;
/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc's CPU times. */
const TICKS_PER_SECOND = 100;

const adminCall = async <T>(hub: Hub, method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${hub.httpUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${E2E_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
};

const inGroups = async <T>(items: T[], size: number, each: (item: T, index: number) => Promise<void>) => {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item, i) => each(item, start + i)));
  }
};

const loadSkus = async (hub: Hub): Promise<string[]> => {
  const skuIds: string[] = [];
  const products = Array.from({ length: PRODUCTS }, (_, p) => p);
  await inGroups(products, LOAD_CONCURRENCY, async (p) => {
    const skus = await hub.createProduct(
      `Checks product ${p}`,
      Array.from({ length: SKUS_PER_PRODUCT }, (_, s) => ({ title: `Variant ${s}`, price: 1000 + s, stock: 100 })),
    );
    skuIds.push(...skus.map((s) => s.skuId));
  });
  return skuIds;
};

/** Members straight into D1 (as a migration would bring them), then points for each through its room. */
const loadAccounts = async (hub: Hub): Promise<string[]> => {
  const memberIds = Array.from({ length: ACCOUNTS }, (_, i) => `bench_${String(i).padStart(5, '0')}`);
  for (let start = 0; start < memberIds.length; start += MEMBERS_PER_INSERT) {
    const values = memberIds
      .slice(start, start + MEMBERS_PER_INSERT)
      .map((id) => `('${id}', ${Date.now()})`)
      .join(', ');
    await hub.queryD1(`INSERT INTO members (id, created_at) VALUES ${values}`);
  }
  await inGroups(memberIds, LOAD_CONCURRENCY, async (memberId) => {
    await adminCall(hub, 'POST', `/api/admin/members/${memberId}/points`, { delta: 100, reason: 'bench' });
  });
  return memberIds;
};

interface Sample {
  ms: number;
  cpuMs: number;
}

/** Times `run` once; the Worker's CPU over it. */
const timed = async <T>(pid: number, run: () => Promise<T>): Promise<{ sample: Sample; answer: T }> => {
  const ticks = cpuTicks(pid);
  const started = now();
  const answer = await run();
  return { sample: { ms: now() - started, cpuMs: ((cpuTicks(pid) - ticks) * 1000) / TICKS_PER_SECOND }, answer };
};

const runChecks = (hub: Hub, sweep?: 'full') =>
  adminCall<Checks>(hub, 'POST', `/api/admin/monitor/checks${sweep ? `?sweep=${sweep}` : ''}`);

interface Case {
  name: string;
  samples: Sample[];
  checked: string;
  problems: string[];
}

const main = async () => {
  const info = runInfo();
  const hub = await Hub.start();
  try {
    const { proxy, worker } = await hub.processes();
    const loadStarted = now();
    console.log(`loading ${PRODUCTS * SKUS_PER_PRODUCT} SKUs...`);
    const skuIds = await loadSkus(hub);
    console.log(`loading ${ACCOUNTS} accounts...`);
    const memberIds = await loadAccounts(hub);
    const loadMs = now() - loadStarted;
    console.log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
    const cases: Case[] = [];
    const quiet = () => untilIdle([proxy, worker]);

    const full: Case = { name: 'full sweep (every room)', samples: [], checked: '', problems: [] };
    for (let run = 0; run < FULL_RUNS; run++) {
      await quiet();
      const { sample, answer } = await timed(worker, () => runChecks(hub, 'full'));
      full.samples.push(sample);
      full.checked = `${answer.skus.checked} SKUs, ${answer.assets.checked} accounts`;
      if (!answer.skus.consistent || !answer.assets.consistent) full.problems.push('inconsistent after loading');
      if (run === 0) full.name = `full sweep (every room; first ${ms(sample.ms)} ms)`;
    }
    cases.push(full);

    const nothing: Case = { name: 'Run checks, nothing changed', samples: [], checked: '', problems: [] };
    for (let run = 0; run < RUNS; run++) {
      await quiet();
      const { sample, answer } = await timed(worker, () => runChecks(hub));
      nothing.samples.push(sample);
      nothing.checked = `${answer.skus.checked} SKUs, ${answer.assets.checked} accounts`;
      if (answer.skus.checked + answer.assets.checked > 0) nothing.problems.push('read records though nothing changed');
    }
    cases.push(nothing);

    for (const changes of [10, 100]) {
      const changed: Case = {
        name: `Run checks, ${changes} SKUs + ${changes} accounts changed`,
        samples: [],
        checked: '',
        problems: [],
      };
      for (let run = 0; run < RUNS; run++) {
        const offset = (run * changes) % skuIds.length;
        // A stock no earlier edit gave these SKUs: each edit is a change D1 numbers.
        const skus = skuIds.slice(offset, offset + changes);
        const members = memberIds.slice(offset % memberIds.length, (offset % memberIds.length) + changes);
        await hub.batchEdit(skus.map((skuId) => ({ skuId, stock: 1000 + changes + run })));
        await inGroups(members, LOAD_CONCURRENCY, async (memberId) => {
          await adminCall(hub, 'POST', `/api/admin/members/${memberId}/points`, { delta: 1, reason: 'bench' });
        });
        await quiet();
        const { sample, answer } = await timed(worker, () => runChecks(hub));
        changed.samples.push(sample);
        changed.checked = `${answer.skus.checked} SKUs, ${answer.assets.checked} accounts`;
        if (answer.skus.checked < skus.length || answer.assets.checked < members.length) {
          changed.problems.push('missed a change');
        }
      }
      cases.push(changed);
    }

    const force: Case = { name: 'Force Sync, 10 SKUs differing', samples: [], checked: '', problems: [] };
    for (let run = 0; run < RUNS; run++) {
      const offset = (Math.floor(skuIds.length / 2) + run * 10) % skuIds.length;
      const differing = skuIds.slice(offset, offset + 10);
      await hub.queryD1(
        `UPDATE skus SET stock = stock + 1 WHERE id IN (${differing.map((id) => `'${id}'`).join(', ')})`,
      );
      await quiet();
      const { sample, answer } = await timed(worker, () =>
        adminCall<ForceSyncResult>(hub, 'POST', '/api/admin/monitor/force-sync'),
      );
      force.samples.push(sample);
      force.checked = `${answer.skus.length} SKUs repaired; then ${answer.checks.skus.checked} SKUs checked`;
      if (answer.skus.length !== differing.length || !answer.checks.skus.consistent) {
        force.problems.push(`repaired ${answer.skus.length} of ${differing.length}`);
      }
    }
    cases.push(force);

    const rss = rssBytes(worker);
    const rows = cases.map((c) => {
      const wall = summarize(c.samples.map((s) => s.ms));
      const cpu = summarize(c.samples.map((s) => s.cpuMs));
      return [c.name, c.samples.length, ms(wall.p50), ms(wall.p95), ms(wall.p99), ms(cpu.p50), c.checked];
    });
    const table = formatTable(
      `bench:checks — ${skuIds.length} SKUs, ${memberIds.length} accounts, POST /api/admin/monitor/* via wrangler dev (ms)`,
      ['operation', 'runs', 'p50', 'p95', 'p99', 'worker CPU p50', 'read (last run)'],
      rows,
    );
    const notes = `loading took ${(loadMs / 1000).toFixed(1)} s; the Worker's workerd holds ${mib(rss)} MiB at the end`;
    publishResults('checks', `${table}\n\n${notes}`, {
      info,
      skus: skuIds.length,
      accounts: memberIds.length,
      loadMs,
      workerRssBytes: rss,
      cases: cases.map((c) => ({ ...c, wall: summarize(c.samples.map((s) => s.ms)) })),
    });
    const problems = cases.flatMap((c) => c.problems.map((p) => `${c.name}: ${p}`));
    if (problems.length > 0) {
      console.error(`PROBLEMS:\n${problems.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await hub.stop();
  }
};

await main();
