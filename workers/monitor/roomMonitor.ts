import { CHANNELS, type Channel } from '../../shared/channels';
import { readSeen } from '../../shared/docs/ack';
import type { RoomIdentity } from '../edge/roomIdentity';
import { clock } from '../platform/clock';
import type { RoomObserver, RoomSocket, RoomSockets } from '../platform/room/roomObserver';
import type { RelayedAck } from './relayedAcks';
import { emptyRoomChannels, type MonitorBinding, MonitorFeed, monitorRoomOf, type RoomChannels } from './roomFeed';
import { type ChannelLatency, SyncLatencyLog } from './syncLatency';

/** Per channel, a room's open sockets and acknowledgement latency. */
export type ChannelSyncStats = Record<Channel, ChannelLatency & { connected: number }>;

/**
 * What a room object tells the monitor, as an observer of its rooms: their sockets per channel,
 * the latency from each change the object stamps (`stamp`) to a client's `{seen: {room, rev}}`
 * awareness acknowledgement, and since when a measured socket has waited for a change
 * (`waitingSince`); reported to MonitorRoom through a throttled feed. Kept in memory, like the
 * latency log it measures with.
 */
export class RoomMonitor implements RoomObserver<RoomIdentity> {
  private readonly feed: MonitorFeed;
  private readonly latency = new SyncLatencyLog();
  /** Highest `rev` each socket acknowledged with a sample: one sample per socket and rev. */
  private readonly ackedRevs = new WeakMap<RoomSocket<RoomIdentity>, number>();
  /** Sockets that acknowledge revs (the SDK's `reportSeenRevs`): the ones the monitor waits for. */
  private readonly measured = new WeakSet<RoomSocket<RoomIdentity>>();

  constructor(
    private readonly sockets: RoomSockets<RoomIdentity>,
    env: MonitorBinding,
  ) {
    this.feed = new MonitorFeed(
      (room) => this.channelsNow(room),
      (reports) => monitorRoomOf(env).report(reports),
    );
  }

  /** The room broadcast the change that made `rev`, at `at`: acknowledgements of it are measured from then. */
  stamp(room: string, rev: number, at: number): void {
    this.latency.stamp(room, rev, at);
    this.feed.broadcast(room, rev);
  }

  /**
   * Per channel, the room's open sockets (its relays' too) and the latency of their
   * acknowledgements (measured on the object's own sockets).
   */
  stats(room: string): ChannelSyncStats {
    const relayed = this.sockets.relayed(room);
    const connected = Object.fromEntries(CHANNELS.map((c) => [c, relayed[c] ?? 0])) as Record<Channel, number>;
    for (const socket of this.sockets.open(room)) connected[socket.identity.channel] += 1;
    return Object.fromEntries(
      CHANNELS.map((c) => [c, { connected: connected[c], ...this.latency.stats(room, c) }]),
    ) as ChannelSyncStats;
  }

  socketsChanged(room: string): void {
    this.feed.touch(room);
  }

  /** Turns a `{seen: {room, rev}}` state into a latency sample, once per socket and rev. */
  awarenessHeard(room: string, socket: RoomSocket<RoomIdentity>, state: unknown): void {
    const seen = readSeen(state);
    if (!seen || seen.room !== room || seen.rev <= (this.ackedRevs.get(socket) ?? 0)) return;
    this.measured.add(socket);
    const now = clock.now();
    const { channel } = socket.identity;
    const latency = this.latency.recordAck(room, channel, seen.rev, socket.connectedAt, now);
    if (latency === null) return;
    this.ackedRevs.set(socket, seen.rev);
    this.feed.sample(room, { channel, rev: seen.rev, ms: latency, at: now });
  }

  /**
   * Acknowledgements a relay of the room heard (relayedAcks.ts), measured as the object's own
   * sockets' are, from when the relay heard them.
   */
  relayed(room: string, acks: RelayedAck[]): void {
    for (const { channel, rev, since, at } of acks) {
      const ms = this.latency.recordAck(room, channel, rev, since, at);
      if (ms !== null) this.feed.sample(room, { channel, rev, ms, at });
    }
  }

  /**
   * Per channel, the room's open sockets (with those its relays hold) and the oldest broadcast a
   * measured one of its own has not acknowledged: what each report carries, and what the monitor
   * asks a quiet room (feedChecks.ts).
   */
  channelsNow(room: string): RoomChannels {
    const channels = emptyRoomChannels();
    for (const [channel, n] of Object.entries(this.sockets.relayed(room))) {
      if (channel in channels) channels[channel as Channel].connected += n;
    }
    for (const socket of this.sockets.open(room)) {
      const entry = channels[socket.identity.channel];
      entry.connected += 1;
      if (!this.measured.has(socket)) continue;
      const since = this.latency.waitingSince(room, this.ackedRevs.get(socket) ?? 0, socket.connectedAt);
      if (since !== null && (entry.waitingSince === null || since < entry.waitingSince)) entry.waitingSince = since;
    }
    return channels;
  }
}
