import { and, count, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { miniShopOrderLines, miniShopOrders, orderItems, orderShipments, orders } from '../../../schema';
import type { Shipment } from '../../../shared/checkout';
import { orderLineId } from '../../orders/records/orderRecords';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_QUERY = 90;
const ORDERS_PER_BATCH = 10;
const ITEMS_PER_INSERT = 20;
/** An order line binds 6 parameters (its id included). */
const LINES_PER_INSERT = 16;

/** The Mini-Shop's state of a synced order, written again on every sync. */
export type MiniShopOrderState = Omit<typeof miniShopOrders.$inferInsert, 'orderId' | 'appid' | 'sourceOrderId'>;

/** One line of a synced order: what was bought, and how much of it is in after-sale. */
export interface ImportedOrderLine {
  skuId: string;
  title: string;
  price: number;
  qty: number;
  refunded: number;
  inAfterSale: number;
}

/** A Mini-Shop order as it is written here. */
export interface ImportedOrder {
  order: typeof orders.$inferInsert & { paidAt: number | null };
  sourceOrderId: string;
  state: MiniShopOrderState;
  lines: ImportedOrderLine[];
  /** The parcels the Mini-Shop sent, written again on every sync. */
  shipments: Shipment[];
  /** Synced before: only its status, times, delivery, parcels, Mini-Shop state and after-sale counts are written. */
  known: boolean;
}

/** The member and status of each of these Mini-Shop orders synced before, by Mini-Shop order id. */
export const knownImportedOrders = async (
  db: Database,
  appid: string,
  sourceOrderIds: string[],
): Promise<Map<string, { memberId: string; status: string }>> => {
  const known = new Map<string, { memberId: string; status: string }>();
  for (const part of chunks(sourceOrderIds, IDS_PER_QUERY)) {
    const rows = await db
      .select({ sourceOrderId: miniShopOrders.sourceOrderId, memberId: orders.memberId, status: orders.status })
      .from(miniShopOrders)
      .innerJoin(orders, eq(orders.id, miniShopOrders.orderId))
      .where(and(eq(miniShopOrders.appid, appid), inArray(miniShopOrders.sourceOrderId, part)));
    for (const row of rows) known.set(row.sourceOrderId, { memberId: row.memberId, status: row.status });
  }
  return known;
};

const statementsOf = (
  db: Database,
  appid: string,
  { order, sourceOrderId, state, lines, shipments, known }: ImportedOrder,
): BatchItem<'sqlite'>[] => {
  const orderId = order.id;
  const parcels = [
    db.delete(orderShipments).where(eq(orderShipments.orderId, orderId)),
    ...chunks(shipments, ITEMS_PER_INSERT).map((part) =>
      db.insert(orderShipments).values(part.map((shipment) => ({ orderId, ...shipment }))),
    ),
  ];
  const lineStates = lines.map((l) => ({ orderId, skuId: l.skuId, refunded: l.refunded, inAfterSale: l.inAfterSale }));
  if (known) {
    return [
      db
        .update(orders)
        .set({
          status: order.status,
          paidAt: order.paidAt,
          updatedAt: order.updatedAt,
          deliveryKind: order.deliveryKind,
          shippingAddress: order.shippingAddress,
          pickupPoint: order.pickupPoint,
          freight: order.freight,
        })
        .where(eq(orders.id, orderId)),
      ...parcels,
      db.update(miniShopOrders).set(state).where(eq(miniShopOrders.orderId, orderId)),
      ...lineStates.map((line) =>
        db
          .insert(miniShopOrderLines)
          .values(line)
          .onConflictDoUpdate({
            target: [miniShopOrderLines.orderId, miniShopOrderLines.skuId],
            set: { refunded: line.refunded, inAfterSale: line.inAfterSale },
          }),
      ),
    ];
  }
  return [
    db.insert(orders).values(order),
    ...chunks(lines, LINES_PER_INSERT).map((part, chunk) =>
      db.insert(orderItems).values(
        part.map((l, i) => ({
          id: orderLineId(orderId, chunk * LINES_PER_INSERT + i + 1),
          orderId,
          skuId: l.skuId,
          title: l.title,
          price: l.price,
          qty: l.qty,
        })),
      ),
    ),
    db.insert(miniShopOrders).values({ orderId, appid, sourceOrderId, ...state }),
    ...chunks(lineStates, ITEMS_PER_INSERT).map((part) => db.insert(miniShopOrderLines).values(part)),
    ...parcels,
  ];
};

/** Writes synced orders of the shop: new ones whole, known ones their state. */
export const writeImportedOrders = async (db: Database, appid: string, imported: ImportedOrder[]): Promise<void> => {
  // An order's statements always share a batch, so a crash never leaves half an order behind.
  for (const part of chunks(
    imported.map((o) => statementsOf(db, appid, o)),
    ORDERS_PER_BATCH,
  )) {
    const [first, ...rest] = part.flat();
    if (first) await db.batch([first, ...rest]);
  }
};

/** How many of the shop's orders the run wrote, counted in D1 so a repeated page counts once. */
export const countOrdersOfRun = async (db: Database, appid: string, runId: string): Promise<number> => {
  const [row] = await db
    .select({ n: count() })
    .from(miniShopOrders)
    .where(and(eq(miniShopOrders.appid, appid), eq(miniShopOrders.lastRun, runId)));
  return row?.n ?? 0;
};
