import type { Channel } from '../channels';

/** One channel's day so far: orders placed, what paid orders brought in (fen), who paid. */
export interface ChannelDay {
  orders: number;
  gmv: number;
  payingShoppers: number;
}

/**
 * `GET /api/admin/dashboard`: today (the China-time day, `shared/api/timeRange.ts`) per channel,
 * what waits for the staff now, and today's orders hour by hour.
 */
export interface Dashboard {
  /** The day the figures are for, `YYYY-MM-DD` in China time, and when they were read (ms). */
  day: string;
  at: number;
  channels: Record<Channel, ChannelDay>;
  toDo: {
    /** Paid orders waiting to be shipped. */
    toShip: number;
    /** Unpaid orders that expire within `expiringWithinMs`. */
    unpaidExpiring: number;
    expiringWithinMs: number;
    /** Listed SKUs with at most `lowStockAt` units left. */
    lowStock: number;
    lowStockAt: number;
  };
  /** Orders placed today per China-time hour (index 0 is 00:00–01:00), per channel. */
  hourly: Record<Channel, number[]>;
}
