import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AlarmSchedule } from '../../workers/platform/alarmSchedule';
import { SqlOutbox } from '../../workers/platform/sqlOutbox';
import { deferred } from '../support/deferred';
import { holdClock } from '../support/heldClock';

interface Line {
  n: number;
}

/** A fresh object whose SQLite and alarm the outbox uses (its own alarm handler is not involved). */
const freshObject = () => env.FLASH_SALE_CLOCK.getByName(`test-outbox-${crypto.randomUUID()}`);

const outboxIn = (
  storage: DurableObjectStorage,
  send: (lines: Line[]) => Promise<void>,
  timing = { flushAfterMs: 200, retryMs: 1000 },
) => {
  const schedule = new AlarmSchedule(storage);
  const outbox = new SqlOutbox<Line>(storage, schedule, 'test', { send, ...timing });
  const [task] = Object.keys(outbox.tasks);
  if (!task) throw new Error('the outbox names no task');
  return { schedule, outbox, task };
};

describe('SqlOutbox', () => {
  it('keeps what is added and has its flush scheduled before anything is sent, across a restart', async () => {
    const time = holdClock();
    const t0 = time.now();
    const stub = freshObject();
    const sent: Line[][] = [];
    const send = async (lines: Line[]) => void sent.push(lines);
    await runInDurableObject(stub, async (_, state) => {
      const { outbox } = outboxIn(state.storage, send);
      await outbox.add({ n: 1 }, { n: 2 });
      expect(sent).toEqual([]);
      expect(outbox.size).toBe(2);
      expect(outbox.oldestQueuedAt()).toBe(t0);
      expect(await state.storage.getAlarm()).toBe(t0 + 200);
    });
    await evictDurableObject(stub);
    await runInDurableObject(stub, async (_, state) => {
      const { schedule, outbox } = outboxIn(state.storage, send);
      expect(await state.storage.getAlarm()).toBe(t0 + 200);
      time.move(200);
      await schedule.run(outbox.tasks);
      expect(sent).toEqual([[{ n: 1 }, { n: 2 }]]);
      expect(outbox.size).toBe(0);
      expect(outbox.oldestQueuedAt()).toBeNull();
      expect(await state.storage.getAlarm()).toBeNull();
    });
  });

  it('keeps every item when a send fails, schedules the retry, and delivers them all then', async () => {
    const time = holdClock();
    const t0 = time.now();
    await runInDurableObject(freshObject(), async (_, state) => {
      const attempts: Line[][] = [];
      let failing = true;
      const { schedule, outbox, task } = outboxIn(
        state.storage,
        async (lines) => {
          attempts.push(lines);
          if (failing) throw new Error('D1 unavailable');
        },
        { flushAfterMs: 60_000, retryMs: 1000 },
      );
      await outbox.add({ n: 1 }, { n: 2 }, { n: 3 });
      await expect(outbox.flush()).rejects.toThrow('D1 unavailable');
      expect(outbox.size).toBe(3);
      expect(outbox.oldestQueuedAt()).toBe(t0);
      expect(schedule.dueAt(task)).toBe(t0 + 1000);
      expect(await state.storage.getAlarm()).toBe(t0 + 1000);

      // Failing again from the alarm: still kept, retried as soon again.
      time.move(1000);
      await schedule.run(outbox.tasks);
      expect(outbox.size).toBe(3);
      expect(schedule.dueAt(task)).toBe(t0 + 2000);

      failing = false;
      time.move(1000);
      await schedule.run(outbox.tasks);
      expect(attempts).toEqual([
        [{ n: 1 }, { n: 2 }, { n: 3 }],
        [{ n: 1 }, { n: 2 }, { n: 3 }],
        [{ n: 1 }, { n: 2 }, { n: 3 }],
      ]);
      expect(outbox.size).toBe(0);
      expect(await state.storage.getAlarm()).toBeNull();
    });
  });

  it('never sends an item twice when flushes overlap, and sends what came in meanwhile next', async () => {
    holdClock();
    await runInDurableObject(freshObject(), async (_, state) => {
      const sent: Line[][] = [];
      const sending = deferred();
      const release = deferred();
      const { outbox } = outboxIn(state.storage, async (lines) => {
        sent.push(lines);
        if (sent.length === 1) {
          sending.resolve();
          await release.promise;
        }
      });
      await outbox.add({ n: 1 }, { n: 2 });
      const first = outbox.flush();
      await sending.promise;
      await outbox.add({ n: 3 });
      const second = outbox.flush();
      const third = outbox.flush();
      release.resolve();
      await Promise.all([first, second, third]);
      expect(sent).toEqual([[{ n: 1 }, { n: 2 }], [{ n: 3 }]]);
      expect(outbox.size).toBe(0);
    });
  });

  it('takes its alarm off once a flush ahead of it has sent everything', async () => {
    const time = holdClock();
    await runInDurableObject(freshObject(), async (_, state) => {
      const { schedule, outbox, task } = outboxIn(state.storage, async () => {});
      await outbox.add({ n: 1 });
      expect(await state.storage.getAlarm()).toBe(time.now() + 200);
      await outbox.flush();
      expect(schedule.dueAt(task)).toBeNull();
      expect(await state.storage.getAlarm()).toBeNull();
    });
  });

  it('carries items from a table it replaces, with their times, and plans their flush for now', async () => {
    const time = holdClock();
    const t0 = time.now();
    await runInDurableObject(freshObject(), async (_, state) => {
      const { schedule, outbox, task } = outboxIn(state.storage, async () => {});
      const sql = state.storage.sql;
      sql.exec('CREATE TABLE old_lines (id INTEGER PRIMARY KEY, line TEXT NOT NULL)');
      sql.exec(
        'INSERT INTO old_lines (id, line) VALUES (2, ?), (1, ?)',
        JSON.stringify({ n: 2 }),
        JSON.stringify({ n: 1 }),
      );
      state.storage.transactionSync(() =>
        outbox.carryTable(sql, {
          table: 'old_lines',
          column: 'line',
          order: 'id',
          queuedAt: ({ n }) => t0 - 6000 + n * 1000,
        }),
      );
      expect(sql.exec("SELECT 1 FROM sqlite_master WHERE name = 'old_lines'").toArray()).toEqual([]);
      expect(outbox.size).toBe(2);
      expect(outbox.oldestQueuedAt()).toBe(t0 - 5000);
      expect(schedule.dueAt(task)).toBe(t0);
      await schedule.resume();
      expect(await state.storage.getAlarm()).toBe(t0);
    });
  });
});
