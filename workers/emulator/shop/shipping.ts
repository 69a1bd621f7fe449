import type { DeliverySendRequest } from '../../minishop/api/schemas/wire';
import type { OrderRecord } from '../seed/generateShop';

/** The outcome of `delivery/send`: the order after shipping, or the errcode the real API gives. */
export type ShippingOutcome = { order: OrderRecord } | { errcode: number; detail: string };

const lineKey = (productId: string, skuId: string) => `${productId}/${skuId}`;

/** Units of each line already in a parcel. */
const shippedUnits = (order: OrderRecord): Map<string, number> => {
  const shipped = new Map<string, number>();
  for (const parcel of order.order_detail.delivery_info.delivery_product_info ?? [])
    for (const item of parcel.product_infos ?? []) {
      const key = lineKey(item.product_id, item.sku_id);
      shipped.set(key, (shipped.get(key) ?? 0) + item.product_cnt);
    }
  return shipped;
};

/**
 * `delivery/send` as docs/minishop-api.md describes it: shipped or completed → 109001, an open
 * after-sale → 108009, unpaid or cancelled → 109000; express parcels need carrier and waybill;
 * split shipping moves 20 → 21 → 30; items whose after-sale finished are not shipped.
 */
export const ship = (
  order: OrderRecord,
  request: DeliverySendRequest,
  nowSeconds: number,
  updateTime: string,
): ShippingOutcome => {
  if (order.status === 30 || order.status === 100) return { errcode: 109001, detail: 'order already shipped' };
  const lines = order.order_detail.product_infos;
  if ((order.aftersale_detail?.on_aftersale_order_cnt ?? 0) > 0 || lines.some((l) => l.on_aftersale_sku_cnt > 0))
    return { errcode: 108009, detail: 'order has an open after-sale' };
  if (order.status !== 20 && order.status !== 21)
    return { errcode: 109000, detail: `order status ${order.status} cannot ship` };

  const express = order.order_detail.delivery_info.delivery_method === '快递';
  const shipped = shippedUnits(order);
  const remaining = new Map(
    lines.map((l) => [
      lineKey(l.product_id, l.sku_id),
      l.sku_cnt - l.finish_aftersale_sku_cnt - (shipped.get(lineKey(l.product_id, l.sku_id)) ?? 0),
    ]),
  );
  const parcels: NonNullable<OrderRecord['order_detail']['delivery_info']['delivery_product_info']> = [];
  for (const parcel of request.delivery_list) {
    if (express && (!parcel.delivery_id || !parcel.waybill_id))
      return { errcode: 9401020, detail: 'delivery_id and waybill_id are required for express' };
    const items = parcel.is_all_product
      ? lines
          .map((l) => ({
            product_id: l.product_id,
            sku_id: l.sku_id,
            product_cnt: remaining.get(lineKey(l.product_id, l.sku_id)) ?? 0,
          }))
          .filter((item) => item.product_cnt > 0)
      : (parcel.product_infos ?? []);
    if (items.length === 0) return { errcode: 109001, detail: 'nothing left to ship' };
    for (const item of items) {
      const key = lineKey(item.product_id, item.sku_id);
      const left = remaining.get(key);
      if (left === undefined || item.product_cnt > left)
        return { errcode: 109000, detail: `product ${item.product_id} sku ${item.sku_id}: not that many left to ship` };
      remaining.set(key, left - item.product_cnt);
    }
    parcels.push({
      ...(express ? { delivery_id: parcel.delivery_id, waybill_id: parcel.waybill_id } : {}),
      delivery_time: nowSeconds,
      deliver_type: 'DELIVERY_TYPE_OPTIONAL_EXPRESS',
      product_infos: items,
    });
  }
  const allShipped = [...remaining.values()].every((left) => left === 0);
  const info = order.order_detail.delivery_info;
  return {
    order: {
      ...order,
      status: allShipped ? 30 : 21,
      update_time: updateTime,
      order_detail: {
        ...order.order_detail,
        delivery_info: { ...info, delivery_product_info: [...(info.delivery_product_info ?? []), ...parcels] },
      },
    },
  };
};
