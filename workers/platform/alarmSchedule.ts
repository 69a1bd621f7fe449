import { clock } from './clock';
import { migrateSchema } from './sqlSchema';

/** What a task does when its time comes. */
export type AlarmTask = () => Promise<void>;

/** How soon a task that failed is run again, unless the schedule is told otherwise. */
const RETRY_MS = 1000;
/**
 * A running task stays in the schedule, due again this long after it started: if the run dies
 * (a deploy, a crash) the platform's retry of the alarm runs it again. A new instance of the
 * object knows the run died with the old one, and runs it at once.
 */
export const RUN_LEASE_MS = 60_000;

interface TaskTime {
  dueAt: number;
  /** Running now: `dueAt` is its lease, and asking for the task again replaces it. */
  running: boolean;
}

/**
 * An object's one alarm shared by named tasks (an outbox flush, an order's expiry, a retry): each
 * task has a time in SQLite, and the alarm is set for the earliest. Tasks and their times survive
 * restarts and hibernation; the object's `alarm()` calls `run` with what each task does. The
 * table is mirrored in memory (the object is its only writer), so asking again for a task that
 * is already due sooner, as every reservation of a flash sale does, costs no storage call.
 */
export class AlarmSchedule {
  /** The alarm this instance last set (undefined: not known, e.g. after a restart or a ring). */
  private armedAt: number | null | undefined;
  private readonly tasks = new Map<string, TaskTime>();

  constructor(private readonly storage: DurableObjectStorage) {
    migrateSchema(storage, 'alarm_schedule', [
      (sql) =>
        sql.exec(`CREATE TABLE IF NOT EXISTS alarm_tasks (
          name TEXT PRIMARY KEY, due_at INTEGER NOT NULL, running INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID`),
    ]);
    const rows = storage.sql
      .exec<{ name: string; due_at: number; running: number }>('SELECT name, due_at, running FROM alarm_tasks')
      .toArray();
    for (const row of rows) {
      if (row.running === 1) this.write(row.name, Math.min(row.due_at, clock.now()));
      else this.tasks.set(row.name, { dueAt: row.due_at, running: false });
    }
  }

  /** Asks for `task` to run by `at`; a sooner time already asked for stays. */
  runBy(task: string, at: number): Promise<void> {
    if (!this.plan(task, at) && this.armedAt !== undefined) return Promise.resolve();
    return this.arm();
  }

  /** Sets `task` to run at `at`, sooner or later than asked before. */
  runAt(task: string, at: number): Promise<void> {
    this.write(task, at);
    return this.arm();
  }

  cancel(task: string): Promise<void> {
    this.forget(task);
    return this.arm();
  }

  /**
   * `runBy` without setting the alarm, for schema steps (which run inside a synchronous
   * transaction); `resume` sets it afterwards. True when the task's time changed.
   */
  plan(task: string, at: number): boolean {
    const known = this.tasks.get(task);
    if (known && !known.running && known.dueAt <= at) return false;
    this.write(task, known && !known.running ? Math.min(known.dueAt, at) : at);
    return true;
  }

  /** Sets the alarm for the earliest task if it is not set so: call it once the object has started. */
  resume(): Promise<void> {
    return this.arm();
  }

  /** When `task` is to run (while it runs: when it runs again should this run die); null when it is not scheduled. */
  dueAt(task: string): number | null {
    return this.tasks.get(task)?.dueAt ?? null;
  }

  /**
   * Runs the tasks that are due, earliest first. The alarm rang for the earliest task, so that one
   * counts as due even when the ring came early (a test ringing it). A task that asks for itself
   * again while it runs gets that time; otherwise it leaves the schedule once it has run. One that
   * throws is asked for again `retryMs` later and the others still run. A task an earlier one moved
   * or cancelled waits. Tasks with no handler are dropped. Afterwards the alarm is set for what is next.
   * Answers the names of the tasks that ran.
   */
  async run(handlers: Readonly<Record<string, AlarmTask>>, retryMs = RETRY_MS): Promise<string[]> {
    this.armedAt = undefined;
    const dueBy = Math.max(clock.now(), this.earliest() ?? Number.NEGATIVE_INFINITY);
    const due = [...this.tasks]
      .filter(([, time]) => time.dueAt <= dueBy)
      .sort(([a, x], [b, y]) => x.dueAt - y.dueAt || (a < b ? -1 : 1))
      .map(([name]) => name);
    const ran: string[] = [];
    for (const name of due) {
      const time = this.tasks.get(name);
      if (!time || time.dueAt > dueBy) continue;
      const handler = handlers[name];
      if (!handler) {
        this.forget(name);
        continue;
      }
      this.write(name, clock.now() + RUN_LEASE_MS, true);
      ran.push(name);
      try {
        await handler();
        if (this.tasks.get(name)?.running) this.forget(name);
      } catch (error) {
        console.error(`alarm task ${name}`, error);
        this.plan(name, clock.now() + retryMs);
      }
    }
    await this.arm();
    return ran;
  }

  private write(task: string, dueAt: number, running = false): void {
    this.storage.sql.exec(
      'INSERT OR REPLACE INTO alarm_tasks (name, due_at, running) VALUES (?, ?, ?)',
      task,
      dueAt,
      running ? 1 : 0,
    );
    this.tasks.set(task, { dueAt, running });
  }

  private forget(task: string): void {
    if (this.tasks.delete(task)) this.storage.sql.exec('DELETE FROM alarm_tasks WHERE name = ?', task);
  }

  private earliest(): number | null {
    let earliest: number | null = null;
    for (const { dueAt } of this.tasks.values()) if (earliest === null || dueAt < earliest) earliest = dueAt;
    return earliest;
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
