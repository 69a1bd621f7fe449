import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { syncEvents } from '../schema';
import worker from '../workers/index';
import { CRONS } from '../workers/minishop/sync/cron';
import { LOG_RETENTION_MS } from '../workers/monitor/records/syncEventRecords';
import { database } from '../workers/records/db';
import { admin } from './support/hub';

interface Page {
  events: Array<{ id: number; at: number; kind: string; subject: string }>;
  nextCursor: number | null;
}

const page = async (query: string): Promise<Page> => {
  const response = await admin('GET', `/api/admin/monitor/log?${query}`);
  expect(response.status, query).toBe(200);
  return response.json();
};

const logEvents = (kinds: string[], at: number) =>
  database(env.DB)
    .insert(syncEvents)
    .values(kinds.map((kind) => ({ at, kind, subject: 'test', source: 'system' as const, detail: {} })));

describe('the sync log', () => {
  it('pages newest first by cursor, without skipping or repeating an event', async () => {
    const kinds = Array.from({ length: 7 }, (_, i) => `test.page.${i}`);
    await logEvents(kinds, Date.now());
    const seen: string[] = [];
    const sizes: number[] = [];
    let query: string | null = 'limit=3';
    for (let pages = 0; query !== null && pages < 20; pages += 1) {
      const { events, nextCursor }: Page = await page(query);
      sizes.push(events.length);
      seen.push(...events.map((e) => e.kind));
      query = nextCursor === null ? null : `limit=3&cursor=${nextCursor}`;
    }
    // The paging ends (a last page with no cursor); every page before it is full.
    expect(query).toBeNull();
    expect(sizes.slice(0, -1).every((size) => size === 3)).toBe(true);
    expect(sizes.at(-1)).toBeLessThanOrEqual(3);
    expect(seen.filter((k) => k.startsWith('test.page.'))).toEqual([...kinds].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lists events by when they happened, not when their line arrived, across pages', async () => {
    const now = Date.now() - 3_600_000;
    // Lines delivered late by an outbox: written after newer ones, though they happened earlier.
    await logEvents(['test.order.newest'], now);
    await logEvents(['test.order.oldest'], now - 3000);
    await logEvents(['test.order.middle'], now - 2000);
    await logEvents(['test.order.second'], now - 1000);
    const seen: Page['events'] = [];
    let query: string | null = 'limit=2';
    while (query !== null && seen.filter((e) => e.kind.startsWith('test.order.')).length < 4) {
      const { events, nextCursor }: Page = await page(query);
      seen.push(...events);
      query = nextCursor === null ? null : `limit=2&cursor=${nextCursor}`;
    }
    const ordered = seen.filter((e) => e.kind.startsWith('test.order.'));
    expect(ordered.map((e) => e.kind)).toEqual([
      'test.order.newest',
      'test.order.second',
      'test.order.middle',
      'test.order.oldest',
    ]);
    expect(ordered.map((e) => e.at)).toEqual([now, now - 1000, now - 2000, now - 3000]);
    // Everything listed before them happened later.
    const first = seen.indexOf(ordered[0] as Page['events'][number]);
    expect(seen.slice(0, first).every((e) => e.at >= now)).toBe(true);
  });

  it('drops events older than 7 days when the scheduled check runs', async () => {
    const now = Date.now();
    await logEvents(['test.old'], now - LOG_RETENTION_MS - 60_000);
    await logEvents(['test.recent'], now - LOG_RETENTION_MS + 3_600_000);
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: CRONS.orders, scheduledTime: now }), env, ctx);
    await waitOnExecutionContext(ctx);
    const kinds = (await page('limit=100')).events.map((e) => e.kind);
    expect(kinds).toContain('test.recent');
    expect(kinds).not.toContain('test.old');
    // The run itself is logged, with what it pruned.
    expect(kinds[0]).toBe('monitor.check');
  });

  it('answers 400 naming the field for a bad query', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=-4', 'cursor'],
      ['cursor=1.5', 'cursor'],
      ['page=2', 'page'],
    ]) {
      const response = await admin('GET', `/api/admin/monitor/log?${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ error: { code: 'invalid_input', field } });
    }
  });
});
