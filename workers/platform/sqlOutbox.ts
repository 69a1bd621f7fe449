import type { AlarmSchedule, AlarmTask } from './alarmSchedule';
import { clock } from './clock';
import { SerialQueue } from './serialQueue';
import { migrateSchema } from './sqlSchema';

export interface OutboxOptions<T> {
  /** Delivers a batch, oldest first; throwing leaves every item of it queued. */
  send: (items: T[]) => Promise<void>;
  /** How long an added item may wait for the flush that carries it (and the items after it). */
  flushAfterMs: number;
  /** How soon a failed flush is tried again. */
  retryMs: number;
}

/** A table an earlier version of an object kept an outbox's items in. */
export interface LegacyTable<T> {
  table: string;
  /** The column holding each item as JSON, and the column that orders them oldest first. */
  column: string;
  order: string;
  /** When an item was queued there. */
  queuedAt: (item: T) => number;
}

interface QueuedItem<T> {
  item: T;
  queuedAt: number;
}

/**
 * Items on their way out of an object (to D1, to another object), durable in its SQLite in the
 * same turn as the change they carry, sent in batches. Adding an item asks the alarm schedule for
 * a flush before anyone tries to send it, so a crash between the change and its delivery still
 * leaves an alarm that delivers it. Flushes run one at a time, so no item is sent twice by them.
 */
export class SqlOutbox<T> {
  private readonly flushes = new SerialQueue();

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly schedule: AlarmSchedule,
    /** Names this outbox among the object's others (its rows and its alarm task). */
    readonly name: string,
    private readonly options: OutboxOptions<T>,
  ) {
    migrateSchema(storage, 'outbox', [
      (sql) =>
        sql.exec(`CREATE TABLE IF NOT EXISTS outbox (
          id INTEGER PRIMARY KEY AUTOINCREMENT, box TEXT NOT NULL, item TEXT NOT NULL, queued_at INTEGER NOT NULL)`),
      (sql) => sql.exec('CREATE INDEX IF NOT EXISTS outbox_box ON outbox (box, id)'),
    ]);
  }

  /**
   * The alarm task that flushes this outbox, for the object's `alarm()`. A failed flush has
   * already asked for its own retry, so the schedule is not told of the failure.
   */
  get tasks(): Record<string, AlarmTask> {
    return {
      [this.task]: () => this.flush().catch((error: unknown) => console.error(`outbox ${this.name}`, error)),
    };
  }

  /** Queues items (call it in the turn of the change they carry) and asks for their flush. */
  add(...items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    const at = clock.now();
    this.insert(items.map((item) => ({ item, queuedAt: at })));
    return this.schedule.runBy(this.task, at + this.options.flushAfterMs);
  }

  /**
   * For a schema step: moves the items of the table this outbox replaces (one JSON item per row of
   * `column`, oldest first by `order`) into it, keeping when each was queued, and drops that table.
   * Their flush is planned for now and set once the object calls the schedule's `resume`.
   */
  carryTable(sql: SqlStorage, legacy: LegacyTable<T>): void {
    const exists = sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", legacy.table).toArray();
    if (exists.length === 0) return;
    const items = sql
      .exec<Record<string, string>>(`SELECT ${legacy.column} AS item FROM ${legacy.table} ORDER BY ${legacy.order}`)
      .toArray()
      .map((row) => JSON.parse(row.item as string) as T);
    sql.exec(`DROP TABLE ${legacy.table}`);
    if (items.length === 0) return;
    this.insert(items.map((item) => ({ item, queuedAt: legacy.queuedAt(item) })));
    this.schedule.plan(this.task, clock.now());
  }

  /** Sends what is queued now. On failure the items stay, a retry is scheduled and the error is thrown. */
  flush(): Promise<void> {
    return this.flushes.run(() => this.flushQueued());
  }

  /** When the oldest item still queued was added; null when nothing waits. */
  oldestQueuedAt(): number | null {
    return (
      this.storage.sql
        .exec<{ queued_at: number }>('SELECT queued_at FROM outbox WHERE box = ? ORDER BY id LIMIT 1', this.name)
        .toArray()[0]?.queued_at ?? null
    );
  }

  /** The items waiting, oldest first, for an object that answers reads from what has not reached D1 yet. */
  queued(): T[] {
    return this.waiting().map((row) => row.item);
  }

  /** How many items wait. */
  get size(): number {
    return this.storage.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE box = ?', this.name).one().n;
  }

  private get task(): string {
    return `outbox:${this.name}`;
  }

  /** The items waiting, oldest first, with their row ids. */
  private waiting(): Array<{ id: number; item: T }> {
    return this.storage.sql
      .exec<{ id: number; item: string }>('SELECT id, item FROM outbox WHERE box = ? ORDER BY id', this.name)
      .toArray()
      .map((row) => ({ id: row.id, item: JSON.parse(row.item) as T }));
  }

  private insert(items: Array<QueuedItem<T>>): void {
    for (const { item, queuedAt } of items) {
      this.storage.sql.exec(
        'INSERT INTO outbox (box, item, queued_at) VALUES (?, ?, ?)',
        this.name,
        JSON.stringify(item),
        queuedAt,
      );
    }
  }

  private async flushQueued(): Promise<void> {
    const rows = this.waiting();
    const last = rows.at(-1);
    if (!last) return;
    try {
      await this.options.send(rows.map((row) => row.item));
    } catch (error) {
      await this.schedule.runBy(this.task, clock.now() + this.options.retryMs);
      throw error;
    }
    this.storage.sql.exec('DELETE FROM outbox WHERE box = ? AND id <= ?', this.name, last.id);
    // Delivered inline before its alarm: the alarm would find nothing, so it is not left to ring.
    if (this.size === 0) await this.schedule.cancel(this.task);
  }
}
