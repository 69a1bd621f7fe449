import { CHANNELS, type Channel } from '../../shared/channels';
import { MONITOR_ROOM } from '../../shared/rooms';
import { clock } from '../platform/clock';
import type { MonitorRoom } from './MonitorRoom';

/** A room object's binding to the monitor. */
export interface MonitorBinding {
  MONITOR_ROOM: DurableObjectNamespace<MonitorRoom>;
}

/** Per channel, what one room has now: open sockets and its oldest unacknowledged broadcast. */
export type RoomChannels = Record<Channel, { connected: number; waitingSince: number | null }>;

/** One acknowledgement measured in a room. */
export interface AckSample {
  channel: Channel;
  rev: number;
  ms: number;
  at: number;
}

/** What a room tells the monitor: its state now, and what happened since its last report. */
export interface RoomReport {
  room: string;
  at: number;
  channels: RoomChannels;
  samples: AckSample[];
  /** Revs broadcast since the last report. */
  broadcasts: number[];
}

/**
 * At most one report to the monitor per this long from one object: a busy room (an ack per
 * client and edit) sends one RPC carrying them all, not one per ack.
 */
const REPORT_EVERY_MS = 500;

/** The object every room's feed reports to. */
export const monitorRoomOf = (env: MonitorBinding) => env.MONITOR_ROOM.getByName(MONITOR_ROOM);

export const emptyRoomChannels = (): RoomChannels =>
  Object.fromEntries(CHANNELS.map((c) => [c, { connected: 0, waitingSince: null }])) as RoomChannels;

const appendTo = <T>(lists: Map<string, T[]>, room: string, item: T): void => {
  const list = lists.get(room);
  if (list) list.push(item);
  else lists.set(room, [item]);
};

/**
 * Gathers what the rooms of one object tell the monitor and sends it, throttled: the first
 * change after a quiet spell goes out right after the current turn, later ones together at the
 * end of the window. Losing a report (the monitor unreachable) costs the page one update, never
 * the room anything.
 */
export class MonitorFeed {
  private readonly dirty = new Set<string>();
  private readonly samples = new Map<string, AckSample[]>();
  private readonly broadcasts = new Map<string, number[]>();
  private lastSentAt = 0;
  private scheduled = false;

  constructor(
    private readonly snapshot: (room: string) => RoomChannels,
    private readonly deliver: (reports: RoomReport[]) => Promise<void>,
  ) {}

  /** The room's sockets or acknowledgements changed. */
  touch(room: string): void {
    this.dirty.add(room);
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => this.send(), Math.max(0, this.lastSentAt + REPORT_EVERY_MS - clock.now()));
  }

  broadcast(room: string, rev: number): void {
    appendTo(this.broadcasts, room, rev);
    this.touch(room);
  }

  /** Called once per acknowledgement (a thousand per edit in a crowded room): appends, never copies. */
  sample(room: string, sample: AckSample): void {
    appendTo(this.samples, room, sample);
    this.touch(room);
  }

  private send(): void {
    this.scheduled = false;
    this.lastSentAt = clock.now();
    const reports = [...this.dirty].map((room) => ({
      room,
      at: this.lastSentAt,
      channels: this.snapshot(room),
      samples: this.samples.get(room) ?? [],
      broadcasts: this.broadcasts.get(room) ?? [],
    }));
    this.dirty.clear();
    this.samples.clear();
    this.broadcasts.clear();
    this.deliver(reports).catch((error) => console.error('monitor report', error));
  }
}
