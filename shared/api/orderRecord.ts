import type { orderItems, orderShipments, orders, payments } from '../../schema';

/** An order as the API answers it: its row, its lines and its parcels (`schema/`). */
export type Order = typeof orders.$inferSelect & {
  items: Array<typeof orderItems.$inferSelect>;
  shipments: Array<typeof orderShipments.$inferSelect>;
};

export type Payment = typeof payments.$inferSelect;
