import type { ShipOrder } from '../../../shared/api/minishop';
import type { Env } from '../../env';
import { memberRoomOf } from '../../members/MemberRoom';
import { clock } from '../../platform/clock';
import { type Refusal, refusal } from '../../platform/refusal';
import type { Database } from '../../records/db';
import { newId } from '../../records/ids';
import { ERRCODE, MiniShopApiError } from '../api/errors';
import type { SourceOrder } from '../api/schemas/model';
import type { MiniShopSource } from '../api/source';
import type { MiniShop } from '../records/miniShopRecords';
import { categoryNames } from './categoryNames';
import { importOrders } from './importOrders';

const SHIPPABLE: ReadonlyArray<SourceOrder['status']> = ['to_ship', 'partly_shipped'];

/** Seed 002's wording; the code tells a batch whether to skip the order or report it failed. */
const alreadyShipped = refusal(409, 'already_shipped', 'already shipped or under dispute');
const underDispute = refusal(409, 'under_dispute', 'already shipped or under dispute: an item is in after-sale');

const inAfterSale = (order: SourceOrder) => order.openAfterSales > 0 || order.items.some((i) => i.openAfterSale > 0);

/** What is left to ship: each item's quantity less what earlier parcels carried. */
const unshipped = (order: SourceOrder) =>
  order.items
    .map((item) => {
      const sent = order.parcels
        .flatMap((p) => p.items)
        .filter((p) => p.skuId === item.skuId)
        .reduce((sum, p) => sum + p.quantity, 0);
      return { productId: item.productId, skuId: item.skuId, quantity: item.quantity - sent };
    })
    .filter((item) => item.quantity > 0);

/**
 * Ships a Mini-Shop order from here: the Mini-Shop is asked first, and an order already shipped
 * there or with an item in after-sale is refused (the local copy takes its current state). Then
 * `delivery/send`, for what is still unshipped, and the local order takes the Mini-Shop's new
 * state.
 */
export const shipAtMiniShop = async (
  env: Env,
  db: Database,
  source: MiniShopSource,
  shop: MiniShop,
  sourceOrderId: string,
  parcel: ShipOrder,
): Promise<{ shipped: true } | Refusal> => {
  const run = {
    appid: shop.appid,
    runId: newId('ship'),
    rules: shop.rules,
    groupId: null,
    // A product first met here is named with what this one shipment fetches.
    categoryNames: categoryNames(source, {}),
    now: clock.now(),
  };
  // The local copy takes the Mini-Shop's state, and its member's account room shows it.
  const refresh = async (order: SourceOrder) => {
    const { changedMembers } = await importOrders(env, db, run, source, [order]);
    for (const memberId of changedMembers) await memberRoomOf(env, memberId).account();
  };
  const current = await source.getOrder(sourceOrderId);
  if (!SHIPPABLE.includes(current.status) || inAfterSale(current)) {
    await refresh(current);
    return inAfterSale(current) && SHIPPABLE.includes(current.status) ? underDispute : alreadyShipped;
  }
  const items = current.status === 'partly_shipped' ? unshipped(current) : undefined;
  try {
    await source.ship(sourceOrderId, [{ ...parcel, items }]);
  } catch (error) {
    // Shipped or disputed at the Mini-Shop between the check and the push.
    if (!(error instanceof MiniShopApiError)) throw error;
    if (error.errcode !== ERRCODE.alreadyShipped && error.errcode !== ERRCODE.orderInAfterSale) throw error;
    await refresh(await source.getOrder(sourceOrderId));
    return error.errcode === ERRCODE.orderInAfterSale ? underDispute : alreadyShipped;
  }
  await refresh(await source.getOrder(sourceOrderId));
  return { shipped: true };
};
