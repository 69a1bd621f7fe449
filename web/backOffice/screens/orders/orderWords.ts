import type { DeliveryKind } from '../../../../shared/checkout';
import type { OrderStatus } from '../../../../shared/orders';

/** What the staff call each order status, delivery and source. */
export const STATUS_NAMES: Record<OrderStatus, string> = {
  unpaid: 'Unpaid',
  paid: 'Paid, to ship',
  shipped: 'Shipped',
  completed: 'Completed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

export const STATUS_TONES: Record<OrderStatus, string> = {
  unpaid: 'muted',
  paid: 'due',
  shipped: 'ok',
  completed: 'ok',
  cancelled: 'muted',
  expired: 'muted',
};

export const DELIVERY_NAMES: Record<DeliveryKind, string> = {
  express: 'Express',
  same_city: 'Same-city courier',
  self_pickup: 'Self pickup',
};

export const PAYMENT_STATUS_NAMES = {
  pending: 'Waiting for the shopper',
  succeeded: 'Paid',
  refused: 'Refused',
} as const;

export const SOURCE_NAMES = { mall: 'This mall', minishop: 'WeChat Mini-Shop' } as const;

/** The carriers a waybill is issued by, under the codes the Mini-Shop's `delivery/send` takes. */
export const CARRIERS: ReadonlyArray<readonly [code: string, name: string]> = [
  ['SF', 'SF Express'],
  ['ZTO', 'ZTO Express'],
  ['YTO', 'YTO Express'],
  ['STO', 'STO Express'],
  ['YD', 'Yunda Express'],
  ['JD', 'JD Logistics'],
  ['EMS', 'China Post EMS'],
];

export const carrierName = (code: string | null): string =>
  code === null ? '—' : (CARRIERS.find(([c]) => c === code)?.[1] ?? code);
