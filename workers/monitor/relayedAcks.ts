import type { Channel } from '../../shared/channels';
import { readSeen } from '../../shared/docs/ack';
import type { RoomIdentity } from '../edge/roomIdentity';
import { clock } from '../platform/clock';
import type { RoomObserver, RoomSocket } from '../platform/room/roomObserver';

/** One acknowledgement a relay heard: the subscriber's channel and join time, the rev, and when. */
export interface RelayedAck {
  channel: Channel;
  rev: number;
  since: number;
  at: number;
}

/** The owner of a relayed room, which measures its relays' acknowledgements (`RoomMonitor.relayed`). */
export interface RelayedAckOwner {
  relayedAcks(room: string, acks: RelayedAck[]): Promise<void>;
}

/**
 * How long a relay gathers acknowledgements before one call carries them to the owner: a shard
 * of two thousand subscribers acknowledges each edit two thousand times.
 */
const SEND_EVERY_MS = 100;

/**
 * A relay's observer of its subscribers' `{seen: {room, rev}}` acknowledgements (the SDK's
 * `reportSeenRevs`): once per socket and rev, stamped when the relay heard them, sent to the
 * owner in batches, where they are measured like its own sockets' (`RoomMonitor.relayed`).
 */
export class RelayedAcks implements RoomObserver<RoomIdentity> {
  private readonly acked = new WeakMap<RoomSocket<RoomIdentity>, number>();
  private readonly pending = new Map<string, RelayedAck[]>();
  private scheduled = false;

  constructor(private readonly owner: (room: string) => RelayedAckOwner) {}

  awarenessHeard(room: string, socket: RoomSocket<RoomIdentity>, state: unknown): void {
    const seen = readSeen(state);
    if (!seen || seen.room !== room || seen.rev <= (this.acked.get(socket) ?? 0)) return;
    this.acked.set(socket, seen.rev);
    const ack = { channel: socket.identity.channel, rev: seen.rev, since: socket.connectedAt, at: clock.now() };
    const acks = this.pending.get(room) ?? [];
    acks.push(ack);
    this.pending.set(room, acks);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.send(), SEND_EVERY_MS);
  }

  private send(): void {
    this.scheduled = false;
    for (const [room, acks] of this.pending) {
      this.owner(room)
        .relayedAcks(room, acks)
        .catch((error) => console.error(`relayed acks ${room}`, error));
    }
    this.pending.clear();
  }
}
