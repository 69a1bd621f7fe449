import { migrateSchema, type SchemaStep } from '../sqlSchema';
import { placeSocket, relayName } from './relayPlacement';

/** What a relay shard holds: its subscribers, and how many under each key its room counts by. */
export interface RelayCount {
  sockets: number;
  tallies: Record<string, number>;
}

/**
 * Where a relay's copy of the room stands: the owner instance (`epoch`) and the last update it
 * pushed (`seq`). A relay that sees the next `seq` of the same epoch applies it; anything else is
 * a gap (lost push, owner restarted, relay woke up) and it syncs again.
 */
export interface RelayCursor {
  epoch: string;
  seq: number;
}

/** What a relay gets when it joins or resyncs: the cursor, and what its state vector lacks. */
export interface RelaySync extends RelayCursor {
  update: Uint8Array;
}

/** The relay side of a push: the owner calls it once per broadcast update and relay shard. */
export interface RelayStub {
  push(room: string, epoch: string, seq: number, update: Uint8Array): Promise<unknown>;
}

/** The relay objects of a room object's binding. */
export interface RelayNamespace {
  getByName(name: string): RelayStub;
}

interface RelayShard extends RelayCount {
  stub: RelayStub;
}

/** Live relays outlive the owner's instance: a restarted owner must go on pushing to them. */
const RELAY_FANOUT_SCHEMA: readonly SchemaStep[] = [
  (sql) =>
    sql.exec(`CREATE TABLE relay_shards (
      room TEXT NOT NULL, shard INTEGER NOT NULL, count TEXT NOT NULL, PRIMARY KEY (room, shard)) WITHOUT ROWID`),
];

/**
 * The owner side of relays (RoomRelay.ts): which shards of each room are live, with what they
 * last reported, and the push of every broadcast update once per shard, numbered per room so a
 * shard notices what it missed. A shard joins by syncing (`join`) and leaves by reporting no
 * subscribers; the list is kept in the object's SQLite. Rooms without shards cost a map lookup
 * per broadcast.
 */
export class RelayFanout {
  private readonly epoch = crypto.randomUUID();
  private readonly seqs = new Map<string, number>();
  private readonly rooms = new Map<string, Map<number, RelayShard>>();
  /** Per room and shard, subscribers sent there since the shard last reported, so a rush spreads. */
  private readonly placed = new Map<string, Map<number, number>>();

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly namespace: RelayNamespace,
  ) {
    migrateSchema(storage, 'relay_fanout', RELAY_FANOUT_SCHEMA);
    const rows = storage.sql.exec<{ room: string; shard: number; count: string }>(
      'SELECT room, shard, count FROM relay_shards',
    );
    for (const row of rows) this.keep(row.room, row.shard, JSON.parse(row.count) as RelayCount);
  }

  /** The relay object a new subscriber of `room` goes to, or null for the owner's own sockets. */
  place(room: string, ownerSockets: number, threshold: number): string | null {
    const counts = new Map<number, number>();
    for (const [shard, { sockets }] of this.rooms.get(room) ?? []) counts.set(shard, sockets);
    const placed = this.placed.get(room) ?? new Map<number, number>();
    for (const [shard, n] of placed) counts.set(shard, (counts.get(shard) ?? 0) + n);
    const shard = placeSocket(ownerSockets, counts, threshold);
    if (shard === null) return null;
    placed.set(shard, (placed.get(shard) ?? 0) + 1);
    this.placed.set(room, placed);
    return relayName(room, shard);
  }

  /** A shard joins or catches up: from the answer's `seq` on, every update is pushed to it too. */
  join(room: string, shard: number, count: RelayCount): RelayCursor {
    this.record(room, shard, count);
    return { epoch: this.epoch, seq: this.seqs.get(room) ?? 0 };
  }

  /** A shard's new count; one with no subscribers is forgotten. Answers whether anything changed. */
  report(room: string, shard: number, count: RelayCount): boolean {
    const known = this.rooms.get(room)?.get(shard);
    if (!known && count.sockets === 0) return false;
    this.record(room, shard, count);
    return true;
  }

  /** Sends `update` to every shard of `room`, each in the order the room broadcast it. */
  push(room: string, update: Uint8Array): void {
    const shards = this.rooms.get(room);
    if (!shards) return;
    const seq = (this.seqs.get(room) ?? 0) + 1;
    this.seqs.set(room, seq);
    for (const [shard, { stub }] of shards) {
      // A shard that missed this push resyncs on the next one (RoomRelay.ts).
      stub.push(room, this.epoch, seq, update).catch((error) => console.error(`relay push ${room}#${shard}`, error));
    }
  }

  /** Per tally key, the subscribers of `room` the shards hold (as they last reported). */
  tallies(room: string): Record<string, number> {
    const sum: Record<string, number> = {};
    for (const { tallies } of this.rooms.get(room)?.values() ?? []) {
      for (const [key, n] of Object.entries(tallies)) sum[key] = (sum[key] ?? 0) + n;
    }
    return sum;
  }

  private record(room: string, shard: number, count: RelayCount): void {
    this.placed.get(room)?.delete(shard);
    if (count.sockets === 0) {
      this.rooms.get(room)?.delete(shard);
      if (this.rooms.get(room)?.size === 0) this.rooms.delete(room);
      this.storage.sql.exec('DELETE FROM relay_shards WHERE room = ? AND shard = ?', room, shard);
      return;
    }
    this.keep(room, shard, count);
    this.storage.sql.exec(
      'INSERT OR REPLACE INTO relay_shards (room, shard, count) VALUES (?, ?, ?)',
      room,
      shard,
      JSON.stringify(count),
    );
  }

  private keep(room: string, shard: number, count: RelayCount): void {
    const shards = this.rooms.get(room) ?? new Map<number, RelayShard>();
    this.rooms.set(room, shards);
    const stub = shards.get(shard)?.stub ?? this.namespace.getByName(relayName(room, shard));
    shards.set(shard, { ...count, stub });
  }
}
