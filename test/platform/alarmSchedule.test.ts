import { env, evictDurableObject, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { AlarmSchedule, RUN_LEASE_MS } from '../../workers/platform/alarmSchedule';
import { holdClock } from '../support/heldClock';

/** A fresh object whose SQLite and alarm the schedule uses (its own alarm handler is not involved). */
const freshObject = () => env.FLASH_SALE_CLOCK.getByName(`test-schedule-${crypto.randomUUID()}`);

describe('AlarmSchedule', () => {
  it('sets the alarm for the earliest task: runBy keeps a sooner time, runAt replaces it, cancel moves on', async () => {
    const time = holdClock();
    const t0 = time.now();
    await runInDurableObject(freshObject(), async (_, state) => {
      const schedule = new AlarmSchedule(state.storage);
      await schedule.runBy('flush', t0 + 5000);
      await schedule.runBy('expire', t0 + 3000);
      expect(await state.storage.getAlarm()).toBe(t0 + 3000);

      await schedule.runBy('expire', t0 + 4000);
      expect(schedule.dueAt('expire')).toBe(t0 + 3000);
      await schedule.runAt('expire', t0 + 7000);
      expect(schedule.dueAt('expire')).toBe(t0 + 7000);
      expect(await state.storage.getAlarm()).toBe(t0 + 5000);

      await schedule.cancel('flush');
      expect(schedule.dueAt('flush')).toBeNull();
      expect(await state.storage.getAlarm()).toBe(t0 + 7000);
      await schedule.cancel('expire');
      expect(await state.storage.getAlarm()).toBeNull();
    });
  });

  it('keeps its tasks in SQLite: a new instance of the object finds them, with their alarm', async () => {
    const time = holdClock();
    const t0 = time.now();
    const stub = freshObject();
    await runInDurableObject(stub, (_, state) => new AlarmSchedule(state.storage).runBy('expire', t0 + 2000));
    await evictDurableObject(stub);
    await runInDurableObject(stub, async (_, state) => {
      const schedule = new AlarmSchedule(state.storage);
      expect(schedule.dueAt('expire')).toBe(t0 + 2000);
      expect(await state.storage.getAlarm()).toBe(t0 + 2000);
      const ran: string[] = [];
      time.move(2000);
      await schedule.run({ expire: async () => void ran.push('expire') });
      expect(ran).toEqual(['expire']);
      expect(schedule.dueAt('expire')).toBeNull();
      expect(await state.storage.getAlarm()).toBeNull();
    });
  });

  it('runs what is due earliest first and answers what ran; a failing task is tried again later and the others still run', async () => {
    const time = holdClock();
    const t0 = time.now();
    await runInDurableObject(freshObject(), async (_, state) => {
      const schedule = new AlarmSchedule(state.storage);
      await schedule.runBy('flush', t0 + 100);
      await schedule.runBy('expire', t0 + 200);
      await schedule.runBy('end', t0 + 10_000);
      const ran: string[] = [];
      let failing = true;
      const handlers = {
        flush: async () => {
          ran.push('flush');
          if (failing) throw new Error('D1 unavailable');
        },
        expire: async () => void ran.push('expire'),
        end: async () => void ran.push('end'),
      };
      time.move(200);
      // It answers what ran, the failed task too, so the object can tell whom to signal.
      expect(await schedule.run(handlers, 500)).toEqual(['flush', 'expire']);
      expect(ran).toEqual(['flush', 'expire']);
      expect(schedule.dueAt('flush')).toBe(t0 + 200 + 500);
      expect(schedule.dueAt('expire')).toBeNull();
      expect(await state.storage.getAlarm()).toBe(t0 + 200 + 500);

      failing = false;
      time.move(500);
      expect(await schedule.run(handlers, 500)).toEqual(['flush']);
      expect(ran).toEqual(['flush', 'expire', 'flush']);
      expect(schedule.dueAt('flush')).toBeNull();
      expect(await state.storage.getAlarm()).toBe(t0 + 10_000);
    });
  });

  it('gives a task that asks again while it runs that time, and holds back a task an earlier one moved', async () => {
    const time = holdClock();
    const t0 = time.now();
    await runInDurableObject(freshObject(), async (_, state) => {
      const schedule = new AlarmSchedule(state.storage);
      await schedule.runBy('first', t0);
      await schedule.runBy('second', t0);
      const ran: string[] = [];
      await schedule.run({
        first: async () => {
          ran.push('first');
          await schedule.runAt('first', t0 + 1000);
          await schedule.runAt('second', t0 + 5000);
        },
        second: async () => void ran.push('second'),
      });
      expect(ran).toEqual(['first']);
      expect(schedule.dueAt('first')).toBe(t0 + 1000);
      expect(schedule.dueAt('second')).toBe(t0 + 5000);
      expect(await state.storage.getAlarm()).toBe(t0 + 1000);
    });
  });

  it('runs the task the alarm was set for when it rings early (a test ringing it), and none due later', async () => {
    const time = holdClock();
    const t0 = time.now();
    await runInDurableObject(freshObject(), async (_, state) => {
      const schedule = new AlarmSchedule(state.storage);
      await schedule.runBy('soon', t0 + 1000);
      await schedule.runBy('late', t0 + 5000);
      const ran: string[] = [];
      await schedule.run({ soon: async () => void ran.push('soon'), late: async () => void ran.push('late') });
      expect(ran).toEqual(['soon']);
      expect(schedule.dueAt('late')).toBe(t0 + 5000);
      expect(await state.storage.getAlarm()).toBe(t0 + 5000);
    });
  });

  it('runs a task again at once after a restart when the object died while it ran', async () => {
    const time = holdClock();
    const t0 = time.now();
    const stub = freshObject();
    await runInDurableObject(stub, async (_, state) => {
      const schedule = new AlarmSchedule(state.storage);
      await schedule.runBy('step', t0);
      // Never settles: the object is evicted mid-run.
      schedule.run({ step: () => new Promise<void>(() => {}) });
      expect(schedule.dueAt('step')).toBe(t0 + RUN_LEASE_MS);
    });
    await evictDurableObject(stub);
    time.move(2_000);
    await runInDurableObject(stub, async (_, state) => {
      const schedule = new AlarmSchedule(state.storage);
      await schedule.resume();
      expect(schedule.dueAt('step')).toBe(t0 + 2_000);
      expect(await state.storage.getAlarm()).toBe(t0 + 2_000);
      const ran: string[] = [];
      await schedule.run({ step: async () => void ran.push('step') });
      expect(ran).toEqual(['step']);
      expect(schedule.dueAt('step')).toBeNull();
    });
  });
});
