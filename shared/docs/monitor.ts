import type { Channel } from '../channels';

/**
 * The `monitor` document (admin only, read-only to clients). MonitorRoom rewrites it from what
 * every SKU and member room reports and from the consistency checks.
 */
export const CHANNELS_MAP = 'channels';
export const CHECKS_MAP = 'checks';
export const FORCE_SYNC_MAP = 'forceSync';
export const MINISHOP_MAP = 'minishop';
/** `getMap('activity')`: when the mall's records last changed, for pages that re-read them (`ActivityMonitor`). */
export const ACTIVITY_MAP = 'activity';

/** An acknowledgement later than this, or a wait longer, makes a channel `lagging`. */
export const LAGGING_AFTER_MS = 1000;

/**
 * `synced`: every measured client acknowledged the latest change; `syncing`: some are still
 * applying one (since `waitingSince`); `lagging`: one has been waiting over 1 s.
 */
export type ChannelState = 'synced' | 'syncing' | 'lagging';

/** `getMap('channels')`: channel → this, latencies in ms over the sliding window. */
export interface ChannelMonitor {
  /** Open sockets on this channel, over every SKU, catalog and member room. */
  connected: number;
  /**
   * Shoppers online on this channel: members and guests with their cart or account room open on
   * it, each once however many sockets and rooms they hold (a page reading only listings and SKUs
   * holds neither, so is not counted).
   */
  shoppers: number;
  samples: number;
  lastMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  state: ChannelState;
  /** Server time the oldest unacknowledged change was broadcast; null when none waits. */
  waitingSince: number | null;
  /** The newest samples, oldest first: `[server time (ms), latency (ms)]`. */
  recent: Array<[number, number]>;
  /** Server time this entry was written. */
  updatedAt: number;
}

export type CheckName = 'skus' | 'assets' | 'orders';

/**
 * What a check reads: `changed`, the records D1 changed since the last check and those it left in
 * flight or differing (or a room reported stuck); `full`, every record, as the nightly sweep does.
 */
export type CheckSweep = 'changed' | 'full';

/**
 * `getMap('checks')`: `skus` (price/stock/listed vs D1), `assets` (points/balance vs the ledgers),
 * `orders` (members whose order outbox failed a flush: their orders still waiting for D1; the
 * records compared are members).
 */
export interface CheckResult {
  consistent: boolean;
  /** Records compared: every one (`full`), or those changed since `since` and those looked at again. */
  checked: number;
  sweep: CheckSweep;
  /** A changed sweep's previous check (when it started); null for a full sweep. */
  since: number | null;
  /** Records whose room differs from D1 (the first `ids` of them are named). */
  differing: number;
  ids: string[];
  /** Rooms whose change was still on its way to D1 (the outbox), so not compared this time. */
  inFlight: number;
  /** How far D1 was behind: the age of the oldest change still in a room's outbox; null when none. */
  outboxLagMs: number | null;
  checkedAt: number;
}

export type Checks = Record<CheckName, CheckResult>;

/** `getMap('forceSync')`: the last Force Sync. */
export interface ForceSyncResult {
  at: number;
  skus: string[];
  members: string[];
  /** Members whose orders stuck on their way to D1 were written there. */
  orders: string[];
  checks: Checks;
}

export type ChannelMonitors = Record<Channel, ChannelMonitor>;

/** `getMap('activity')`: server times of the latest change of each kind of record. */
export interface ActivityMonitor {
  /** An order was placed, paid, shipped, completed, cancelled or expired. */
  ordersChangedAt?: number;
}

/** A Mini-Shop run in progress: what it is doing and how far it got (totals null until known). */
export interface MiniShopRunMonitor {
  kind: 'migration' | 'orders' | 'products';
  phase: 'setup' | 'products' | 'orders';
  startedAt: number;
  done: { products: number; orders: number };
  total: { products: number | null; orders: number | null };
  errors: number;
}

/** `getMap('minishop')`: appid → where that shop's sync stands, rewritten at every step of a run. */
export interface MiniShopMonitor {
  name: string;
  status: 'bound' | 'unbound';
  autoSync: boolean;
  running: MiniShopRunMonitor | null;
  lastRun: { kind: MiniShopRunMonitor['kind']; outcome: string; finishedAt: number; errors: number } | null;
  /** The last completed migration: when it finished and what it brought in. */
  lastMigration: { finishedAt: number; products: number; orders: number } | null;
  updatedAt: number;
}
