import { and, asc, desc, eq } from 'drizzle-orm';
import { orderShipments, orders } from '../../../schema';
import { type AccountContents, type OrderSummary, orderSummaryOf } from '../../../shared/docs/account';
import type { Database } from '../../records/db';
import { addressBook } from './addressRecords';
import { heldCoupons } from './couponRecords';
import { ledgerTotals } from './ledgerRecords';
import { findMember } from './memberRecords';

/** How many of the latest orders the account document lists, besides every unpaid one. */
const RECENT_ORDERS = 20;

const withShipments = { shipments: { orderBy: [asc(orderShipments.shippedAt), asc(orderShipments.id)] } };

const recentOrders = async (db: Database, memberId: string): Promise<Record<string, OrderSummary>> => {
  const [recent, unpaid] = await Promise.all([
    db.query.orders.findMany({
      where: eq(orders.memberId, memberId),
      orderBy: desc(orders.createdAt),
      limit: RECENT_ORDERS,
      with: withShipments,
    }),
    db.query.orders.findMany({
      where: and(eq(orders.memberId, memberId), eq(orders.status, 'unpaid')),
      with: withShipments,
    }),
  ]);
  return Object.fromEntries([...recent, ...unpaid].map((o) => [o.id, orderSummaryOf(o)]));
};

/** What `account:<memberId>` shows, read from the records; null for an unknown member. */
export const accountContents = async (db: Database, memberId: string, now: number): Promise<AccountContents | null> => {
  const member = await findMember(db, memberId);
  if (!member) return null;
  const [totals, coupons, orderSummaries, addresses] = await Promise.all([
    ledgerTotals(db, memberId),
    heldCoupons(db, memberId, now),
    recentOrders(db, memberId),
    addressBook(db, memberId),
  ]);
  return {
    assets: { points: totals.points, balance: totals.balance, tier: member.tier, tags: member.tags },
    coupons,
    orders: orderSummaries,
    addresses: Object.fromEntries(addresses.map((address) => [address.id, address])),
  };
};
