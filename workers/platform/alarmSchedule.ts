import { clock } from './clock';
import { migrateSchema } from './sqlSchema';

/** What a task does when its time comes. */
export type AlarmTask = () => Promise<void>;

/** How soon a task that failed is run again, unless the schedule is told otherwise. */
const RETRY_MS = 1000;
/**
 * A running task stays in the schedule, due again this long after it started: if the object dies
 * mid-run (a deploy, a crash), the platform's retry of the alarm, or the next start, runs it again.
 */
export const RUN_LEASE_MS = 60_000;

/** Asks for a task by `due_at`: a sooner time already asked for stays, except a running task's lease. */
const ASK_BY = `INSERT INTO alarm_tasks (name, due_at, running) VALUES (?, ?, 0) ON CONFLICT (name) DO UPDATE SET
  due_at = CASE WHEN running = 1 THEN excluded.due_at ELSE MIN(due_at, excluded.due_at) END, running = 0`;

/**
 * An object's one alarm shared by named tasks (an outbox flush, an order's expiry, a retry): each
 * task has a time in SQLite, and the alarm is set for the earliest. Tasks and their times survive
 * restarts and hibernation; the object's `alarm()` calls `run` with what each task does.
 */
export class AlarmSchedule {
  /** The alarm this instance last set (undefined: not known, e.g. after a restart or a ring). */
  private armedAt: number | null | undefined;

  constructor(private readonly storage: DurableObjectStorage) {
    migrateSchema(storage, 'alarm_schedule', [
      (sql) =>
        sql.exec(`CREATE TABLE IF NOT EXISTS alarm_tasks (
          name TEXT PRIMARY KEY, due_at INTEGER NOT NULL, running INTEGER NOT NULL DEFAULT 0)`),
    ]);
  }

  /** Asks for `task` to run by `at`; a sooner time already asked for stays. */
  runBy(task: string, at: number): Promise<void> {
    this.plan(task, at);
    return this.arm();
  }

  /** Sets `task` to run at `at`, sooner or later than asked before. */
  runAt(task: string, at: number): Promise<void> {
    this.storage.sql.exec('INSERT OR REPLACE INTO alarm_tasks (name, due_at, running) VALUES (?, ?, 0)', task, at);
    return this.arm();
  }

  cancel(task: string): Promise<void> {
    this.storage.sql.exec('DELETE FROM alarm_tasks WHERE name = ?', task);
    return this.arm();
  }

  /**
   * `runBy` without setting the alarm, for schema steps (which run inside a synchronous
   * transaction); `resume` sets it afterwards.
   */
  plan(task: string, at: number): void {
    this.storage.sql.exec(ASK_BY, task, at);
  }

  /** Sets the alarm for the earliest task if it is not set so: call it once the object has started. */
  resume(): Promise<void> {
    return this.arm();
  }

  /** When `task` is to run (while it runs: when it runs again should this run die); null when it is not scheduled. */
  dueAt(task: string): number | null {
    return (
      this.storage.sql.exec<{ due_at: number }>('SELECT due_at FROM alarm_tasks WHERE name = ?', task).toArray()[0]
        ?.due_at ?? null
    );
  }

  /**
   * Runs the tasks that are due, earliest first. The alarm rang for the earliest task, so that one
   * counts as due even when the ring came early (a test ringing it). A task that asks for itself
   * again while it runs gets that time; otherwise it leaves the schedule once it has run. One that
   * throws is asked for again `retryMs` later and the others still run. A task an earlier one moved
   * or cancelled waits. Tasks with no handler are dropped. Afterwards the alarm is set for what is next.
   */
  async run(handlers: Readonly<Record<string, AlarmTask>>, retryMs = RETRY_MS): Promise<void> {
    this.armedAt = undefined;
    const sql = this.storage.sql;
    const dueBy = Math.max(clock.now(), this.earliest() ?? Number.NEGATIVE_INFINITY);
    const due = sql
      .exec<{ name: string }>('SELECT name FROM alarm_tasks WHERE due_at <= ? ORDER BY due_at, name', dueBy)
      .toArray();
    for (const { name } of due) {
      const handler = handlers[name];
      if (!handler) {
        sql.exec('DELETE FROM alarm_tasks WHERE name = ? AND due_at <= ?', name, dueBy);
        continue;
      }
      const leased = sql.exec(
        'UPDATE alarm_tasks SET due_at = ?, running = 1 WHERE name = ? AND due_at <= ?',
        clock.now() + RUN_LEASE_MS,
        name,
        dueBy,
      );
      if (leased.rowsWritten === 0) continue;
      try {
        await handler();
        sql.exec('DELETE FROM alarm_tasks WHERE name = ? AND running = 1', name);
      } catch (error) {
        console.error(`alarm task ${name}`, error);
        this.plan(name, clock.now() + retryMs);
      }
    }
    await this.arm();
  }

  private earliest(): number | null {
    return (
      this.storage.sql.exec<{ at: number | null }>('SELECT MIN(due_at) AS at FROM alarm_tasks').toArray()[0]?.at ?? null
    );
  }

  /** Sets the object's alarm for the earliest task, or clears it when there is none. */
  private async arm(): Promise<void> {
    if (this.armedAt === undefined) {
      const set = await this.storage.getAlarm();
      if (this.armedAt === undefined) this.armedAt = set;
    }
    // Read after the wait: of calls made meanwhile, the last to set the alarm saw the latest tasks.
    const next = this.earliest();
    if (next === this.armedAt) return;
    this.armedAt = next;
    if (next === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(next);
  }
}
