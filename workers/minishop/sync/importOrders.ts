import { and, eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { miniShopOrderLines, miniShopOrders, orderItems, orders } from '../../../schema';
import { existingSkuIds } from '../../catalog/records/skuRecords';
import type { Env } from '../../env';
import { membersOfIdentityValues } from '../../members/records/memberRecords';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import type { SourceOrder } from '../api/schemas/model';
import type { MiniShopSource } from '../api/source';
import { beijingDay } from '../beijingTime';
import { type ImportRun, importProducts } from './importProducts';
import { localOrderId, localProductId, localSkuId } from './localIds';
import { localOrderStatus } from './orderStatus';

/** What a page of orders did. */
export interface OrderImport {
  /** Mini-Shop ids of the orders this run has written. */
  written: string[];
  /** Orders that could not be brought in, and why. */
  errors: string[];
  /** Local products with orders paid today on this page: their live sales need recounting. */
  paidToday: Set<string>;
  /** Members whose existing orders changed status: their account rooms need the new state. */
  changedMembers: Set<string>;
}

/** D1 binds at most 100 parameters per statement. */
const IDS_PER_QUERY = 90;
const ORDERS_PER_BATCH = 10;
const ITEMS_PER_INSERT = 20;

/** A Mini-Shop buyer becomes a member through an OpenID identity scoped by the shop's appid. */
const ANONYMOUS_BUYER = 'anonymous';

interface Line {
  skuId: string;
  productId: string;
  title: string;
  price: number;
  qty: number;
  refunded: number;
  inAfterSale: number;
}

/** The order's lines, one per SKU (the same SKU twice is one line), with local ids. */
const linesOf = (appid: string, order: SourceOrder): Line[] => {
  const lines = new Map<string, Line>();
  for (const item of order.items) {
    const skuId = localSkuId(appid, item.skuId);
    const line = lines.get(skuId);
    if (line) {
      line.qty += item.quantity;
      line.refunded += item.finishedAfterSale;
      line.inAfterSale += item.openAfterSale;
    } else {
      lines.set(skuId, {
        skuId,
        productId: item.productId,
        title: item.title.slice(0, 200) || 'Mini-Shop item',
        price: item.price,
        qty: item.quantity,
        refunded: item.finishedAfterSale,
        inAfterSale: item.openAfterSale,
      });
    }
  }
  return [...lines.values()];
};

/**
 * Makes sure every SKU the orders name exists here: a product never seen before is fetched and
 * added (filtering migrated ones, as auto-sync does). Answers the SKUs that exist afterwards.
 */
const resolveSkus = async (env: Env, db: Database, run: ImportRun, source: MiniShopSource, lines: Line[]) => {
  const wanted = [...new Set(lines.map((l) => l.skuId))];
  const known = new Set<string>();
  for (const part of chunks(wanted, 100)) for (const id of await existingSkuIds(db, part)) known.add(id);
  const unseen = [...new Set(lines.filter((l) => !known.has(l.skuId)).map((l) => l.productId))];
  if (unseen.length === 0) return known;
  for (const productId of unseen) {
    const product = await source.getProduct(productId);
    if (product) await importProducts(env, db, { ...run, rules: { ...run.rules, filterMigrated: true } }, [product]);
  }
  const retry = wanted.filter((id) => !known.has(id));
  for (const part of chunks(retry, 100)) for (const id of await existingSkuIds(db, part)) known.add(id);
  return known;
};

const knownOrders = async (db: Database, appid: string, sourceIds: string[]) => {
  const known = new Map<string, { memberId: string; status: string }>();
  for (const part of chunks(sourceIds, IDS_PER_QUERY)) {
    const rows = await db
      .select({ sourceOrderId: miniShopOrders.sourceOrderId, memberId: orders.memberId, status: orders.status })
      .from(miniShopOrders)
      .innerJoin(orders, eq(orders.id, miniShopOrders.orderId))
      .where(and(eq(miniShopOrders.appid, appid), inArray(miniShopOrders.sourceOrderId, part)));
    for (const row of rows) known.set(row.sourceOrderId, { memberId: row.memberId, status: row.status });
  }
  return known;
};

/**
 * Brings a page of Mini-Shop orders in: new ones are added (with their buyer as a member), known
 * ones take the Mini-Shop's current status and after-sale counts. Only the statuses seed 002
 * names are synced. Writing an order again changes nothing but its state, so a repeated page
 * never duplicates one.
 */
export const importOrders = async (
  env: Env,
  db: Database,
  run: ImportRun,
  source: MiniShopSource,
  page: SourceOrder[],
): Promise<OrderImport> => {
  const result: OrderImport = { written: [], errors: [], paidToday: new Set(), changedMembers: new Set() };
  const synced = page.flatMap((order) => {
    const status = localOrderStatus(order.status);
    return status ? [{ order, status, lines: linesOf(run.appid, order) }] : [];
  });
  if (synced.length === 0) return result;
  const skus = await resolveSkus(
    env,
    db,
    run,
    source,
    synced.flatMap((s) => s.lines),
  );
  const members = await membersOfIdentityValues(
    db,
    'wechat_openid',
    run.appid,
    synced.map((s) => s.order.buyerOpenId ?? ANONYMOUS_BUYER),
    run.now,
  );
  const known = await knownOrders(
    db,
    run.appid,
    synced.map((s) => s.order.orderId),
  );
  const today = beijingDay(run.now);
  const perOrder: BatchItem<'sqlite'>[][] = [];
  for (const { order, status, lines } of synced) {
    const missing = lines.find((l) => !skus.has(l.skuId));
    if (missing) {
      result.errors.push(`order ${order.orderId}: product ${missing.productId} is not on sale or delisted`);
      continue;
    }
    const orderId = localOrderId(run.appid, order.orderId);
    const paidDay = order.paidAt === undefined ? null : beijingDay(order.paidAt);
    const state = {
      sourceStatus: order.sourceStatus,
      deliveryKind: order.deliveryKind,
      openAfterSales: order.openAfterSales,
      paidDay,
      lastRun: run.runId,
      syncedAt: run.now,
    };
    const lineStates = lines.map((l) => ({
      orderId,
      skuId: l.skuId,
      refunded: l.refunded,
      inAfterSale: l.inAfterSale,
    }));
    const before = known.get(order.orderId);
    if (before) {
      if (before.status !== status) result.changedMembers.add(before.memberId);
      perOrder.push([
        db
          .update(orders)
          .set({ status, paidAt: order.paidAt ?? null, updatedAt: order.updatedAt })
          .where(eq(orders.id, orderId)),
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
      ]);
    } else {
      perOrder.push([
        db.insert(orders).values({
          id: orderId,
          memberId: members.get(order.buyerOpenId ?? ANONYMOUS_BUYER) ?? '',
          status,
          channel: 'mini',
          source: 'minishop',
          total: order.price.total,
          discount: order.price.discount,
          payable: order.price.total,
          createdAt: order.createdAt,
          paidAt: order.paidAt ?? null,
          updatedAt: order.updatedAt,
        }),
        ...chunks(lines, ITEMS_PER_INSERT).map((part) =>
          db
            .insert(orderItems)
            .values(part.map((l) => ({ orderId, skuId: l.skuId, title: l.title, price: l.price, qty: l.qty }))),
        ),
        db.insert(miniShopOrders).values({ orderId, appid: run.appid, sourceOrderId: order.orderId, ...state }),
        ...chunks(lineStates, ITEMS_PER_INSERT).map((part) => db.insert(miniShopOrderLines).values(part)),
      ]);
    }
    result.written.push(order.orderId);
    if (paidDay === today) for (const l of lines) result.paidToday.add(localProductId(run.appid, l.productId));
  }
  // An order's statements always share a batch, so a crash never leaves half an order behind.
  for (const part of chunks(perOrder, ORDERS_PER_BATCH)) {
    const [first, ...rest] = part.flat();
    if (first) await db.batch([first, ...rest]);
  }
  return result;
};
