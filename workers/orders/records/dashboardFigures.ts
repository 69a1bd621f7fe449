import { and, count, countDistinct, eq, gt, gte, isNull, lt, lte, sql, sum } from 'drizzle-orm';
import { orders, skus } from '../../../schema';
import type { ChannelDay, Dashboard } from '../../../shared/api/dashboard';
import { CHANNELS, type Channel } from '../../../shared/channels';
import type { Database } from '../../records/db';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** China time is UTC+8 all year (`shared/api/timeRange.ts`): its days start at 16:00 UTC. */
const CHINA_OFFSET_MS = 8 * HOUR_MS;
/** An unpaid order this close to expiry is worth a reminder. */
export const EXPIRING_WITHIN_MS = 10 * 60_000;
/** A listed SKU with this many units or fewer is running out. */
export const LOW_STOCK_AT = 5;

/** The China-time day holding `now`: its first millisecond and its `YYYY-MM-DD`. */
const chinaDayOf = (now: number) => {
  const start = Math.floor((now + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
  return { start, end: start + DAY_MS, date: new Date(start + CHINA_OFFSET_MS).toISOString().slice(0, 10) };
};

const perChannel = <T>(make: () => T): Record<Channel, T> =>
  Object.fromEntries(CHANNELS.map((channel) => [channel, make()])) as Record<Channel, T>;

/**
 * The back office's dashboard, read from D1 in one batch: today's orders per channel (placed
 * today), GMV and paying shoppers (paid today, whenever placed), what waits for the staff, and
 * today's orders by China-time hour.
 */
export const dashboardFigures = async (db: Database, now: number): Promise<Dashboard> => {
  const day = chinaDayOf(now);
  const placedToday = and(gte(orders.createdAt, day.start), lt(orders.createdAt, day.end));
  const paidToday = and(gte(orders.paidAt, day.start), lt(orders.paidAt, day.end));
  // Bound numbers reach SQLite as reals: the hour is cast back to a whole number.
  const hour = sql<number>`CAST((${orders.createdAt} - ${day.start}) / ${HOUR_MS} AS INTEGER)`;
  const [placed, paid, hours, toShip, expiring, lowStock] = await db.batch([
    db.select({ channel: orders.channel, orders: count() }).from(orders).where(placedToday).groupBy(orders.channel),
    db
      .select({ channel: orders.channel, gmv: sum(orders.payable), payers: countDistinct(orders.memberId) })
      .from(orders)
      .where(paidToday)
      .groupBy(orders.channel),
    db
      .select({ channel: orders.channel, hour, orders: count() })
      .from(orders)
      .where(placedToday)
      .groupBy(orders.channel, hour),
    db.select({ n: count() }).from(orders).where(eq(orders.status, 'paid')),
    db
      .select({ n: count() })
      .from(orders)
      .where(
        and(eq(orders.status, 'unpaid'), gt(orders.expiresAt, now), lte(orders.expiresAt, now + EXPIRING_WITHIN_MS)),
      ),
    db
      .select({ n: count() })
      .from(skus)
      .where(and(eq(skus.listed, true), isNull(skus.removedAt), lte(skus.stock, LOW_STOCK_AT))),
  ]);
  const channels = perChannel<ChannelDay>(() => ({ orders: 0, gmv: 0, payingShoppers: 0 }));
  for (const row of placed) channels[row.channel].orders = row.orders;
  for (const row of paid) {
    channels[row.channel].gmv = Number(row.gmv ?? 0);
    channels[row.channel].payingShoppers = row.payers;
  }
  const hourly = perChannel(() => Array.from({ length: 24 }, () => 0));
  for (const row of hours) hourly[row.channel][row.hour] = row.orders;
  return {
    day: day.date,
    at: now,
    channels,
    toDo: {
      toShip: toShip[0]?.n ?? 0,
      unpaidExpiring: expiring[0]?.n ?? 0,
      expiringWithinMs: EXPIRING_WITHIN_MS,
      lowStock: lowStock[0]?.n ?? 0,
      lowStockAt: LOW_STOCK_AT,
    },
    hourly,
  };
};
