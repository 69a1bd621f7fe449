import * as Y from 'yjs';
import { errorResponse } from '../errorShape';
import { objectName } from '../objectName';
import { SerialQueue } from '../serialQueue';
import type { RelayCount, RelayCursor, RelaySync } from './relayFanout';
import { parseRelayName } from './relayPlacement';
import type { SocketIdentity } from './socketIdentity';
import { YRoom } from './YRoom';

/** Origin of the owner's updates as a relay applies them. */
const RELAYED = Symbol('relayed');

/** What a relay asks of its room's owner (YRoom's relay methods). */
export interface RelayOwner {
  relaySync(room: string, shard: number, stateVector: Uint8Array, count: RelayCount): Promise<RelaySync>;
  relayReport(room: string, shard: number, count: RelayCount): Promise<void>;
}

/**
 * One shard of a crowded read-only room's subscribers, in an object of its own named
 * `<room>#relay-<shard>` (`relayPlacement.ts`): the owner pushes each update it broadcasts once
 * here, and this object sends it to its sockets. Sockets speak to it exactly as to the owner (the
 * base's protocol: sync answered from this copy, writes refused with permission-denied, presence
 * kept private), so clients cannot tell. Pushes carry the owner's cursor (`RelayCursor`); the
 * next one applies at once, anything else (a lost push, a restarted owner, this object woken
 * from hibernation) makes the relay sync again from its state vector, so changes reach the
 * sockets once each and in the owner's order. Reports to the owner, one at a time with the rest
 * of the relay's calls, say how many subscribers it holds; at none the owner forgets it.
 */
export abstract class RoomRelay<E = Cloudflare.Env, I extends SocketIdentity = SocketIdentity> extends YRoom<E, I> {
  private readonly roomName: string;
  private readonly shard: number;
  /** Where this copy stands in the owner's pushes; null: unknown, sync before applying any. */
  private cursor: RelayCursor | null = null;
  /** Joins, pushes and reports, one at a time: each sees what the one before it left. */
  private readonly calls = new SerialQueue();
  /** Upgrades under way: while one is, this shard is not empty, and the owner must keep pushing. */
  private joining = 0;
  private reportQueued = false;

  constructor(ctx: DurableObjectState, env: E) {
    super(ctx, env);
    const relay = parseRelayName(objectName(ctx));
    if (!relay) throw new Error(`${objectName(ctx)} names no relay shard`);
    this.roomName = relay.room;
    this.shard = relay.shard;
    this.observe({ socketsChanged: () => this.queueReport() });
  }

  /** The object that owns `room`. */
  protected abstract ownerOf(room: string): RelayOwner;

  /** The key the owner counts a subscriber under (for its monitor). */
  protected abstract tallyOf(identity: I): string;

  override async fetch(request: Request): Promise<Response> {
    this.joining += 1;
    try {
      return await super.fetch(request);
    } finally {
      this.joining -= 1;
    }
  }

  protected async admit(identity: I): Promise<Response | null> {
    if (identity.room !== this.roomName || identity.writable) {
      return errorResponse(404, 'not_found', `this relay serves readers of ${this.roomName}`);
    }
    try {
      await this.calls.run(async () => {
        if (!this.cursor) await this.resync();
      });
      return null;
    } catch (error) {
      console.error(`relay join ${this.roomName}#${this.shard}`, error);
      return errorResponse(503, 'unavailable', 'the room cannot be reached now; connect again');
    }
  }

  /** The owner's next update of the room, numbered by `epoch` and `seq` (relayFanout.ts). */
  async push(room: string, epoch: string, seq: number, update: Uint8Array): Promise<void> {
    if (room !== this.roomName) throw new Error(`this relay serves ${this.roomName}, not ${room}`);
    await this.calls.run(async () => {
      if (this.count().sockets === 0 && this.joining === 0) return this.report();
      const at = this.cursor;
      if (at?.epoch === epoch && seq <= at.seq) return;
      if (at?.epoch === epoch && seq === at.seq + 1) {
        Y.applyUpdate(this.room(room).doc, update, RELAYED);
        at.seq = seq;
        return;
      }
      await this.resync();
    });
  }

  /** Brings this copy up to the owner's, sending its sockets only what they lack. */
  private async resync(): Promise<void> {
    const doc = this.room(this.roomName).doc;
    const count = this.count();
    const answer = await this.ownerOf(this.roomName).relaySync(this.roomName, this.shard, Y.encodeStateVector(doc), {
      ...count,
      sockets: count.sockets + this.joining,
    });
    Y.applyUpdate(doc, answer.update, RELAYED);
    this.cursor = { epoch: answer.epoch, seq: answer.seq };
  }

  private queueReport(): void {
    if (this.reportQueued) return;
    this.reportQueued = true;
    this.calls
      .run(() => {
        this.reportQueued = false;
        return this.report();
      })
      .catch((error) => console.error(`relay report ${this.roomName}#${this.shard}`, error));
  }

  /**
   * Tells the owner this shard's count; an empty shard is forgotten there, and drops its copy. An
   * upgrade under way reports when its socket opens.
   */
  private async report(): Promise<void> {
    const count = this.count();
    if (count.sockets === 0 && this.joining > 0) return;
    await this.ownerOf(this.roomName).relayReport(this.roomName, this.shard, count);
    if (count.sockets > 0) return;
    this.cursor = null;
    this.forgetRoom(this.roomName);
  }

  /** The sockets open here, by tally key. */
  private count(): RelayCount {
    const tallies: Record<string, number> = {};
    let sockets = 0;
    for (const socket of this.sockets.open(this.roomName)) {
      const key = this.tallyOf(socket.identity);
      tallies[key] = (tallies[key] ?? 0) + 1;
      sockets += 1;
    }
    return { sockets, tallies };
  }
}
