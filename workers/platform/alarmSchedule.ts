import { clock } from './clock';
import { migrateSchema } from './sqlSchema';

/** What a task does when its time comes. */
export type AlarmTask = () => Promise<void>;

/** How soon a task that failed is run again, unless the schedule is told otherwise. */
const RETRY_MS = 1000;

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
      (sql) => sql.exec('CREATE TABLE IF NOT EXISTS alarm_tasks (name TEXT PRIMARY KEY, due_at INTEGER NOT NULL)'),
    ]);
  }

  /** Asks for `task` to run by `at`; a sooner time already asked for stays. */
  runBy(task: string, at: number): Promise<void> {
    this.storage.sql.exec(
      'INSERT INTO alarm_tasks (name, due_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET due_at = MIN(due_at, excluded.due_at)',
      task,
      at,
    );
    return this.arm();
  }

  /** Sets `task` to run at `at`, sooner or later than asked before. */
  runAt(task: string, at: number): Promise<void> {
    this.storage.sql.exec('INSERT OR REPLACE INTO alarm_tasks (name, due_at) VALUES (?, ?)', task, at);
    return this.arm();
  }

  cancel(task: string): Promise<void> {
    this.storage.sql.exec('DELETE FROM alarm_tasks WHERE name = ?', task);
    return this.arm();
  }

  /** When `task` is to run; null when it is not scheduled. */
  dueAt(task: string): number | null {
    return (
      this.storage.sql.exec<{ due_at: number }>('SELECT due_at FROM alarm_tasks WHERE name = ?', task).toArray()[0]
        ?.due_at ?? null
    );
  }

  /**
   * Runs the tasks that are due, earliest first. A task leaves the schedule before it runs, so one
   * that has more to do asks again; one that throws is asked for again `retryMs` later and the
   * others still run. Tasks with no handler are dropped. Afterwards the alarm is set for what is next.
   */
  async run(handlers: Readonly<Record<string, AlarmTask>>, retryMs = RETRY_MS): Promise<void> {
    this.armedAt = undefined;
    const due = this.storage.sql
      .exec<{ name: string }>('SELECT name FROM alarm_tasks WHERE due_at <= ? ORDER BY due_at, name', clock.now())
      .toArray();
    for (const { name } of due) {
      this.storage.sql.exec('DELETE FROM alarm_tasks WHERE name = ?', name);
      const handler = handlers[name];
      if (!handler) continue;
      try {
        await handler();
      } catch (error) {
        console.error(`alarm task ${name}`, error);
        this.storage.sql.exec(
          'INSERT INTO alarm_tasks (name, due_at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET due_at = MIN(due_at, excluded.due_at)',
          name,
          clock.now() + retryMs,
        );
      }
    }
    await this.arm();
  }

  /** Sets the object's alarm for the earliest task, or clears it when there is none. */
  private async arm(): Promise<void> {
    const next =
      this.storage.sql.exec<{ at: number | null }>('SELECT MIN(due_at) AS at FROM alarm_tasks').toArray()[0]?.at ??
      null;
    if (next === this.armedAt) return;
    this.armedAt = next;
    if (next === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(next);
  }
}
