import { CHANNELS, type Channel } from '../../shared/channels';
import {
  ACTIVITY_MAP,
  type ActivityMonitor,
  CHANNELS_MAP,
  CHECKS_MAP,
  type ChannelMonitor,
  type CheckName,
  type CheckSweep,
  type Checks,
  FORCE_SYNC_MAP,
  type ForceSyncResult,
  LAGGING_AFTER_MS,
  MINISHOP_MAP,
  type MiniShopMonitor,
} from '../../shared/docs/monitor';
import { MONITOR_ROOM, parseRoom } from '../../shared/rooms';
import { errorResponse } from '../edge/errors';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import { AlarmSchedule } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { SERVER_ORIGIN, YRoom } from '../platform/room/YRoom';
import { SqlOutbox } from '../platform/sqlOutbox';
import { migrateSchema } from '../platform/sqlSchema';
import { database } from '../records/db';
import { type CheckEnd, CheckMarks, type CheckStart } from './checkMarks';
import { askRooms, FEED_DROP_MS, FEED_QUIET_MS } from './feedChecks';
import { monitorRoomSchema } from './monitorRoomSchema';
import { appendSyncEvents, type NewSyncEvent } from './records/syncEventRecords';
import type { RoomChannels, RoomReport } from './roomFeed';
import { percentile } from './syncLatency';

/** Samples per channel the percentiles cover (the sliding window), and how many the chart shows. */
const WINDOW_SAMPLES = 1000;
const RECENT_SAMPLES = 60;
/**
 * Log lines wait in this object's outbox for up to this long, then reach D1 in one batch: however
 * many rooms report, the monitor writes D1 about once a second. A failed flush retries as late.
 */
const LOG_FLUSH_MS = 1000;
/** The task that looks again when a channel's wait may have become lagging. */
const REFRESH = 'refresh';
/** The task that asks quiet rooms what they have open (`feedChecks.ts`). */
const FEED_CHECK = 'feed-check';
/** How soon rooms that did not answer are asked again. */
const FEED_RETRY_MS = 2000;
/**
 * Order changes heard within this long reach the pages as one: a flash sale's thousand member
 * flushes make a few document changes, not a thousand.
 */
const ORDERS_SIGNAL_MS = 200;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The shoppers with a socket on `channel`: one member's cart and account rooms (and its several
 * tabs) are one shopper, where the socket count adds them up; SKU and listing rooms name nobody.
 */
const shoppersOn = (channel: Channel, feeds: Array<{ room: string; channels: RoomChannels }>): number => {
  const members = new Set<string>();
  for (const feed of feeds) {
    const room = parseRoom(feed.room);
    if ((room?.kind === 'member' || room?.kind === 'account') && room.id && feed.channels[channel].connected > 0) {
      members.add(room.id);
    }
  }
  return members.size;
};

/**
 * The `monitor` room: per-channel connections, latency and state across every room, the
 * consistency checks and the last Force Sync, for the monitoring page. Rooms report here
 * (`report`, from the `RoomMonitor` each room object attaches); what each room last reported
 * and the latency samples are kept in this object's SQLite, so a restart or hibernation forgets
 * nothing. A room that died without closing its sockets reports nothing more: a feed quiet for
 * `FEED_QUIET_MS` is confirmed by asking its room (`feedChecks.ts`), so a phantom count lasts
 * seconds.
 * It observes no room of its own: the page's sockets are not the storefronts it shows.
 */
export class MonitorRoom extends YRoom<Env, RoomIdentity> {
  /** The latency windows, in memory once read (the table holds them across restarts). */
  private readonly windows = new Map<Channel, Array<[number, number]>>();
  private readonly schedule: AlarmSchedule;
  /** Sync-log lines on their way to D1. */
  private readonly log: SqlOutbox<NewSyncEvent>;
  private readonly checkMarks: CheckMarks;
  /** The latest order change heard and not yet shown; kept in memory, as a lost signal costs a page one refresh. */
  private ordersChangedAt: number | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.schedule = new AlarmSchedule(ctx.storage);
    this.log = new SqlOutbox(ctx.storage, this.schedule, 'log', {
      send: (events) => appendSyncEvents(database(env.DB), events),
      flushAfterMs: LOG_FLUSH_MS,
      retryMs: LOG_FLUSH_MS,
    });
    migrateSchema(ctx.storage, 'monitor_room', monitorRoomSchema(this.log));
    this.checkMarks = new CheckMarks(ctx.storage.sql);
    ctx.blockConcurrencyWhile(() => this.schedule.resume());
  }

  protected async admit(identity: RoomIdentity): Promise<Response | null> {
    if (identity.room !== MONITOR_ROOM) return errorResponse(404, 'not_found', 'room not found');
    await this.refresh();
    return null;
  }

  /** What rooms tell the monitor; late acknowledgements and broadcasts go to the sync log. */
  async report(reports: RoomReport[]): Promise<void> {
    for (const report of reports) this.store(report);
    const touched = new Set(reports.flatMap((report) => report.samples.map((s) => s.channel)));
    for (const channel of touched) {
      this.ctx.storage.sql.exec(
        'INSERT OR REPLACE INTO windows (channel, samples) VALUES (?, ?)',
        channel,
        JSON.stringify(this.window(channel)),
      );
    }
    await this.log.add(...reports.flatMap((report) => this.logLines(report)));
    await this.refresh();
  }

  /** Keeps the room's latest state and its samples. */
  private store(report: RoomReport): void {
    this.storeFeed(report.room, report.channels, clock.now());
    for (const s of report.samples) {
      const window = this.window(s.channel);
      window.push([s.at, s.ms]);
      if (window.length > WINDOW_SAMPLES) window.splice(0, window.length - WINDOW_SAMPLES);
    }
  }

  /**
   * What `room` has now, as of `at` (when the monitor heard it: one clock for every feed's age); a
   * room with nothing open and nothing awaited is forgotten.
   */
  private storeFeed(room: string, channels: RoomChannels, at: number): void {
    const sql = this.ctx.storage.sql;
    const idle = CHANNELS.every((c) => channels[c].connected === 0 && channels[c].waitingSince === null);
    if (idle) {
      sql.exec('DELETE FROM feeds WHERE room = ?', room);
    } else {
      sql.exec(
        'INSERT OR REPLACE INTO feeds (room, channels, reported_at) VALUES (?, ?, ?)',
        room,
        JSON.stringify(channels),
        at,
      );
    }
  }

  /**
   * Asks the rooms whose feeds went quiet what they have open now; one that does not answer keeps
   * its feed until `FEED_DROP_MS` after its last report.
   */
  private async checkFeeds(): Promise<void> {
    const now = clock.now();
    const sql = this.ctx.storage.sql;
    const quiet = sql
      .exec<{ room: string; reported_at: number }>(
        'SELECT room, reported_at FROM feeds WHERE reported_at <= ?',
        now - FEED_QUIET_MS,
      )
      .toArray();
    const answers = await askRooms(
      this.env,
      quiet.map((f) => f.room),
    );
    const answeredAt = clock.now();
    for (const [i, { room, reported_at }] of quiet.entries()) {
      const channels = answers[i];
      // A report that arrived while the rooms were asked is newer than the answer.
      const latest = sql
        .exec<{ reported_at: number }>('SELECT reported_at FROM feeds WHERE room = ?', room)
        .toArray()[0];
      if (latest?.reported_at !== reported_at) continue;
      if (channels) this.storeFeed(room, channels, answeredAt);
      else if (reported_at <= answeredAt - FEED_DROP_MS) sql.exec('DELETE FROM feeds WHERE room = ?', room);
    }
    await this.refresh();
  }

  /** A channel's latest samples, `[at, ms]`, oldest first; read from storage once per instance. */
  private window(channel: Channel): Array<[number, number]> {
    let window = this.windows.get(channel);
    if (!window) {
      const row = this.ctx.storage.sql
        .exec<{ samples: string }>('SELECT samples FROM windows WHERE channel = ?', channel)
        .toArray()[0];
      window = row ? (JSON.parse(row.samples) as Array<[number, number]>) : [];
      this.windows.set(channel, window);
    }
    return window;
  }

  private logLines(report: RoomReport): NewSyncEvent[] {
    const connected = Object.fromEntries(CHANNELS.map((c) => [c, report.channels[c].connected]));
    const broadcast =
      report.broadcasts.length > 0
        ? [this.event(report.at, 'sync.broadcast', report.room, { revs: report.broadcasts, connected })]
        : [];
    const late = report.samples
      .filter((s) => s.ms > LAGGING_AFTER_MS)
      .map((s) => this.event(s.at, 'ack.late', report.room, { channel: s.channel, rev: s.rev, ms: s.ms }));
    return [...broadcast, ...late];
  }

  /**
   * Tells the pages watching that an order changed, so they read their figures again: each
   * `ORDERS_SIGNAL_MS` window of changes a later value, even two in one millisecond.
   */
  async ordersChanged(at: number): Promise<void> {
    if (this.ordersChangedAt === null) setTimeout(() => this.showOrdersChanged(), ORDERS_SIGNAL_MS);
    this.ordersChangedAt = Math.max(at, this.ordersChangedAt ?? at);
  }

  private showOrdersChanged(): void {
    const at = this.ordersChangedAt ?? clock.now();
    this.ordersChangedAt = null;
    const activity = this.room(MONITOR_ROOM).doc.getMap<number>(ACTIVITY_MAP);
    const last: ActivityMonitor['ordersChangedAt'] = activity.get('ordersChangedAt');
    this.room(MONITOR_ROOM).doc.transact(
      () => activity.set('ordersChangedAt', Math.max(at, (last ?? 0) + 1)),
      SERVER_ORIGIN,
    );
  }

  /** Where each of the checks `names` starts this time (`checkMarks.ts`). */
  async startChecks(names: CheckName[], sweep: CheckSweep): Promise<Partial<Record<CheckName, CheckStart>>> {
    return Object.fromEntries(names.map((name) => [name, this.checkMarks.start(name, sweep)]));
  }

  /** Settles the checks that ran: how far each read, and what the next one reads again. */
  async endChecks(ends: Partial<Record<CheckName, CheckEnd>>): Promise<void> {
    for (const [name, end] of Object.entries(ends)) this.checkMarks.end(name as CheckName, end);
  }

  /**
   * Asks the next check to read these records whatever D1 says changed: a room whose change cannot
   * reach D1 tells it so, as D1's change sequence never will.
   */
  async lookAgain(name: CheckName, ids: string[]): Promise<void> {
    this.checkMarks.lookAgain(name, ids);
  }

  /** Shows the latest consistency checks. */
  async showChecks(checks: Checks): Promise<void> {
    const room = this.room(MONITOR_ROOM);
    room.doc.transact(() => {
      for (const [name, result] of Object.entries(checks)) room.doc.getMap(CHECKS_MAP).set(name, result);
    }, SERVER_ORIGIN);
  }

  /** Shows the last Force Sync and the checks it ended with. */
  async showForceSync(result: ForceSyncResult): Promise<void> {
    await this.showChecks(result.checks);
    const map = this.room(MONITOR_ROOM).doc.getMap(FORCE_SYNC_MAP);
    this.room(MONITOR_ROOM).doc.transact(() => {
      for (const [key, value] of Object.entries(result)) if (key !== 'checks') map.set(key, value);
    }, SERVER_ORIGIN);
  }

  /** Shows where a Mini-Shop's sync stands (its ShopSync object calls this at every step). */
  async showMiniShop(appid: string, shop: MiniShopMonitor): Promise<void> {
    this.room(MONITOR_ROOM).doc.transact(
      () => this.room(MONITOR_ROOM).doc.getMap(MINISHOP_MAP).set(appid, shop),
      SERVER_ORIGIN,
    );
  }

  /**
   * Turns `syncing` into `lagging` when a wait passes 1 s with nothing else reported, asks quiet
   * rooms what they have open, and flushes the log.
   */
  override async alarm(): Promise<void> {
    await this.schedule.run({
      [REFRESH]: () => this.refresh(),
      [FEED_CHECK]: () => this.checkFeeds(),
      ...this.log.tasks,
    });
  }

  /**
   * Rewrites each channel's entry from the stored reports and samples, logs the channels that
   * just started lagging, and sets the alarm for the next such moment.
   */
  private async refresh(): Promise<void> {
    const now = clock.now();
    const sql = this.ctx.storage.sql;
    const rows = sql
      .exec<{ room: string; channels: string; reported_at: number }>('SELECT room, channels, reported_at FROM feeds')
      .toArray();
    const feeds = rows.map((row) => ({ room: row.room, channels: JSON.parse(row.channels) as RoomChannels }));
    const room = this.room(MONITOR_ROOM);
    const map = room.doc.getMap<ChannelMonitor>(CHANNELS_MAP);
    const entries = CHANNELS.map((channel) => ({
      channel,
      before: map.get(channel),
      next: this.channelEntry(channel, feeds, now),
    }));
    const log = entries
      .filter(({ before, next }) => next.state === 'lagging' && before?.state !== 'lagging')
      .map(({ channel, next }) =>
        this.event(now, 'channel.lagging', `channel:${channel}`, { waitingSince: next.waitingSince }),
      );
    room.doc.transact(() => {
      // `updatedAt` alone changing is no news: the entry is left as it is.
      for (const { channel, before, next } of entries) {
        if (!same({ ...before, updatedAt: 0 }, { ...next, updatedAt: 0 })) map.set(channel, next);
      }
    }, SERVER_ORIGIN);
    const lagAts = entries.flatMap(({ next }) =>
      next.state === 'syncing' && next.waitingSince !== null ? [next.waitingSince + LAGGING_AFTER_MS] : [],
    );
    if (lagAts.length > 0) await this.schedule.runAt(REFRESH, Math.min(...lagAts) + 1);
    else await this.schedule.cancel(REFRESH);
    await this.expectFeedCheck(
      rows.map((row) => row.reported_at),
      now,
    );
    await this.log.add(...log);
  }

  /**
   * Asks for the feed check by the time the oldest feed goes quiet (not sooner than a retry); none
   * without feeds. A sooner check already asked for stays, so a stream of reports cannot put it off.
   */
  private async expectFeedCheck(reportedAts: number[], now: number): Promise<void> {
    if (reportedAts.length === 0) return this.schedule.cancel(FEED_CHECK);
    await this.schedule.runBy(FEED_CHECK, Math.max(Math.min(...reportedAts) + FEED_QUIET_MS, now + FEED_RETRY_MS));
  }

  private channelEntry(
    channel: Channel,
    feeds: Array<{ room: string; channels: RoomChannels }>,
    now: number,
  ): ChannelMonitor {
    const window = this.window(channel);
    const sorted = window.map(([, ms]) => ms).sort((a, b) => a - b);
    const waits = feeds.map((f) => f.channels[channel].waitingSince).filter((at): at is number => at !== null);
    const waitingSince = waits.length > 0 ? Math.min(...waits) : null;
    return {
      connected: feeds.reduce((sum, f) => sum + f.channels[channel].connected, 0),
      shoppers: shoppersOn(channel, feeds),
      samples: window.length,
      lastMs: window.at(-1)?.[1] ?? null,
      p50Ms: percentile(sorted, 0.5),
      p95Ms: percentile(sorted, 0.95),
      state: waitingSince === null ? 'synced' : now - waitingSince >= LAGGING_AFTER_MS ? 'lagging' : 'syncing',
      waitingSince,
      recent: window.slice(-RECENT_SAMPLES),
      updatedAt: now,
    };
  }

  private event(at: number, kind: string, subject: string, detail: Record<string, unknown>): NewSyncEvent {
    return { at, kind, subject, source: 'system', detail };
  }
}
