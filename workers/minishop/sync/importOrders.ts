import { existingSkuIds } from '../../catalog/records/skuRecords';
import type { Env } from '../../env';
import { membersOfIdentityValues } from '../../members/records/memberRecords';
import { canonicalPhone } from '../../members/rules/phoneNumbers';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import type { SourceOrder } from '../api/schemas/model';
import type { MiniShopSource } from '../api/source';
import { beijingDay } from '../beijingTime';
import { type ImportedOrder, knownImportedOrders, writeImportedOrders } from '../records/miniShopOrderRecords';
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

/**
 * The order's delivery in the mall's own shape (`shared/checkout.ts`): the same kinds, the
 * address under the address book's names (the phone in E.164 when it reads as one), the pickup
 * point without an id here.
 */
const deliveryOf = (order: SourceOrder) => ({
  deliveryKind: order.deliveryKind === 'pickup' ? ('self_pickup' as const) : order.deliveryKind,
  shippingAddress: order.address && {
    ...order.address,
    telNumber: canonicalPhone(order.address.telNumber) ?? order.address.telNumber,
  },
  pickupPoint: order.pickupPoint && {
    id: null,
    name: order.pickupPoint.name,
    provinceName: null,
    cityName: null,
    countyName: null,
    detailInfo: order.pickupPoint.detailInfo,
    telNumber: null,
  },
});

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

/**
 * Brings a page of Mini-Shop orders in: new ones are added (with their buyer as a member), known
 * ones take the Mini-Shop's current status and after-sale counts. Only the statuses the migration
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
  const known = await knownImportedOrders(
    db,
    run.appid,
    synced.map((s) => s.order.orderId),
  );
  const today = beijingDay(run.now);
  const imported: ImportedOrder[] = [];
  for (const { order, status, lines } of synced) {
    const missing = lines.find((l) => !skus.has(l.skuId));
    if (missing) {
      result.errors.push(`order ${order.orderId}: product ${missing.productId} is not on sale or delisted`);
      continue;
    }
    const paidDay = order.paidAt === undefined ? null : beijingDay(order.paidAt);
    const before = known.get(order.orderId);
    if (before && before.status !== status) result.changedMembers.add(before.memberId);
    imported.push({
      order: {
        id: localOrderId(run.appid, order.orderId),
        memberId: members.get(order.buyerOpenId ?? ANONYMOUS_BUYER) ?? '',
        status,
        channel: 'mini',
        source: 'minishop',
        ...deliveryOf(order),
        total: order.price.total,
        freight: order.price.freight,
        discount: order.price.discount,
        payable: order.price.total,
        createdAt: order.createdAt,
        paidAt: order.paidAt ?? null,
        updatedAt: order.updatedAt,
      },
      sourceOrderId: order.orderId,
      state: {
        sourceStatus: order.sourceStatus,
        deliveryKind: order.deliveryKind,
        openAfterSales: order.openAfterSales,
        paidDay,
        lastRun: run.runId,
        syncedAt: run.now,
      },
      lines,
      shipments: order.parcels.map((parcel) => ({
        carrier: parcel.deliveryId ?? null,
        waybill: parcel.waybillId ?? null,
        shippedAt: parcel.shippedAt ?? order.updatedAt,
      })),
      known: before !== undefined,
    });
    result.written.push(order.orderId);
    if (paidDay === today) for (const l of lines) result.paidToday.add(localProductId(run.appid, l.productId));
  }
  await writeImportedOrders(db, run.appid, imported);
  return result;
};
