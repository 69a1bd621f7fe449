import type { Delivery } from '../../shared/api/checkout';
import type { DeliveryKind, PickupPointSnapshot, PostalAddress } from '../../shared/checkout';
import { findAddress } from '../members/records/addressRecords';
import { type Refusal, refusal } from '../platform/refusal';
import type { Database } from '../records/db';
import { freightLinesOf } from './records/freightRecords';
import { findPickupPoint, pickupSnapshotOf } from './records/pickupPointRecords';
import { orderFreight, undeliverableTemplates } from './rules/freight';

/** What an order keeps of its delivery: the kind and snapshots of where it goes. */
export interface OrderDelivery {
  deliveryKind: DeliveryKind | null;
  shippingAddress: PostalAddress | null;
  pickupPoint: PickupPointSnapshot | null;
}

const NO_DELIVERY: OrderDelivery = { deliveryKind: null, shippingAddress: null, pickupPoint: null };

/**
 * The order's delivery with its address or pickup point copied as they are now, so later edits
 * of the book or the point leave the order as placed. An address id not in the member's book or
 * an unknown pickup point is a 404 naming the field.
 */
export const resolveDelivery = async (
  db: Database,
  memberId: string,
  delivery: Delivery | undefined,
): Promise<OrderDelivery | Refusal> => {
  if (delivery === undefined) return NO_DELIVERY;
  if (delivery.kind === 'self_pickup') {
    const point = await findPickupPoint(db, delivery.pickupPointId);
    if (!point) return refusal(404, 'not_found', 'pickup point not found', 'delivery.pickupPointId');
    return { deliveryKind: 'self_pickup', shippingAddress: null, pickupPoint: pickupSnapshotOf(point) };
  }
  if (delivery.address) return { deliveryKind: delivery.kind, shippingAddress: delivery.address, pickupPoint: null };
  const entry = delivery.addressId === undefined ? null : await findAddress(db, memberId, delivery.addressId);
  if (!entry) return refusal(404, 'not_found', 'address not found in the address book', 'delivery.addressId');
  const { id: _, isDefault: __, createdAt: ___, updatedAt: ____, ...address } = entry;
  return { deliveryKind: delivery.kind, shippingAddress: address, pickupPoint: null };
};

/**
 * The order's freight, computed here from each product's setting (`rules/freight.ts`): none
 * without an address (self-pickup, or no delivery). A template that does not deliver to the
 * address refuses the order (409 naming the address).
 */
export const freightFor = async (
  db: Database,
  delivery: OrderDelivery,
  lines: ReadonlyArray<{ skuId: string; price: number; qty: number }>,
): Promise<number | Refusal> => {
  const to = delivery.shippingAddress;
  if (to === null) return 0;
  const freightLines = await freightLinesOf(db, lines);
  const undeliverable = undeliverableTemplates(freightLines, to);
  if (undeliverable.length > 0) {
    return refusal(409, 'not_deliverable', 'some products are not delivered to this address', 'delivery.address');
  }
  return orderFreight(freightLines, to);
};
