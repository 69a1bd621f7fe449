import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { migrateSchema, type SchemaStep } from '../sqlSchema';

/** Snapshots are split into chunks well under SQLite storage's 2 MB value limit. */
const CHUNK_BYTES = 1 << 20;
/** Fold the update log into a snapshot once it is this long, or this large. */
const COMPACT_AFTER_UPDATES = 500;
const COMPACT_AFTER_BYTES = 4 << 20;

/**
 * The store's tables, one step per version. Step 1 keeps `IF NOT EXISTS`: objects that created
 * the tables before versions were kept adopt it without a change.
 */
const DOC_STORE_SCHEMA: readonly SchemaStep[] = [
  (sql) => {
    sql.exec(`CREATE TABLE IF NOT EXISTS ydoc_snapshot_chunks (
      room TEXT NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (room, chunk))`);
    sql.exec(`CREATE TABLE IF NOT EXISTS ydoc_updates (
      id INTEGER PRIMARY KEY AUTOINCREMENT, room TEXT NOT NULL, data BLOB NOT NULL)`);
    sql.exec('CREATE INDEX IF NOT EXISTS ydoc_updates_room ON ydoc_updates (room, id)');
  },
];

const toBuffer = (bytes: Uint8Array): ArrayBuffer =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);

/**
 * The durable copy of a room's Yjs document, in the Durable Object's SQLite storage: a
 * snapshot (split into chunks) plus the log of updates accepted since. Every accepted update is
 * appended in the same turn it is applied, so a restart or deploy loses nothing acknowledged;
 * the output gate holds the broadcast until the write is durable.
 */
export class DocStore {
  private logCount = 0;
  private logBytes = 0;
  private snapshotBytes = 0;

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly room: string,
  ) {
    migrateSchema(storage, 'doc_store', DOC_STORE_SCHEMA);
  }

  /** Applies the stored snapshot and log to `doc`. */
  load(doc: Y.Doc): void {
    const chunks = this.storage.sql
      .exec<{ data: ArrayBuffer }>('SELECT data FROM ydoc_snapshot_chunks WHERE room = ? ORDER BY chunk', this.room)
      .toArray();
    const updates = this.storage.sql
      .exec<{ data: ArrayBuffer }>('SELECT data FROM ydoc_updates WHERE room = ? ORDER BY id', this.room)
      .toArray();
    Y.transact(
      doc,
      () => {
        if (chunks.length > 0) Y.applyUpdate(doc, joinChunks(chunks.map((c) => new Uint8Array(c.data))));
        for (const u of updates) Y.applyUpdate(doc, new Uint8Array(u.data));
      },
      this,
    );
    this.logCount = updates.length;
    this.logBytes = updates.reduce((n, u) => n + u.data.byteLength, 0);
    this.snapshotBytes = chunks.reduce((n, c) => n + c.data.byteLength, 0);
  }

  /** Appends one accepted update; compacts when the log has grown long. */
  append(update: Uint8Array, doc: Y.Doc): void {
    this.storage.sql.exec('INSERT INTO ydoc_updates (room, data) VALUES (?, ?)', this.room, toBuffer(update));
    this.logCount += 1;
    this.logBytes += update.byteLength;
    if (this.logCount >= COMPACT_AFTER_UPDATES || this.logBytes >= COMPACT_AFTER_BYTES) this.compact(doc);
  }

  /** Replaces snapshot and log with one snapshot of the current state, atomically. */
  compact(doc: Y.Doc): void {
    const state = Y.encodeStateAsUpdate(doc);
    this.storage.transactionSync(() => {
      this.storage.sql.exec('DELETE FROM ydoc_snapshot_chunks WHERE room = ?', this.room);
      for (let i = 0, chunk = 0; i < state.byteLength; i += CHUNK_BYTES, chunk++) {
        this.storage.sql.exec(
          'INSERT INTO ydoc_snapshot_chunks (room, chunk, data) VALUES (?, ?, ?)',
          this.room,
          chunk,
          toBuffer(state.subarray(i, i + CHUNK_BYTES)),
        );
      }
      this.storage.sql.exec('DELETE FROM ydoc_updates WHERE room = ?', this.room);
    });
    this.logCount = 0;
    this.logBytes = 0;
    this.snapshotBytes = state.byteLength;
  }

  /** Deletes everything stored for the room. */
  erase(): void {
    this.storage.transactionSync(() => {
      this.storage.sql.exec('DELETE FROM ydoc_snapshot_chunks WHERE room = ?', this.room);
      this.storage.sql.exec('DELETE FROM ydoc_updates WHERE room = ?', this.room);
    });
    this.logCount = 0;
    this.logBytes = 0;
    this.snapshotBytes = 0;
  }

  /**
   * What the room takes in storage: the snapshot and the log. At least the document's encoded
   * size, and exactly it right after `compact`.
   */
  get bytes(): number {
    return this.snapshotBytes + this.logBytes;
  }

  /** How many updates wait in the log (for tests and the monitor). */
  get pendingUpdates(): number {
    return this.logCount;
  }
}

const joinChunks = (chunks: Uint8Array[]): Uint8Array => {
  const encoder = encoding.createEncoder();
  for (const c of chunks) encoding.writeUint8Array(encoder, c);
  return encoding.toUint8Array(encoder);
};
