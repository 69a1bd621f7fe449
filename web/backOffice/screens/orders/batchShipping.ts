/** What `POST /api/admin/orders/ship` answers for each order of a batch (`workers/orders/routes/adminShipping.ts`). */
export interface BatchOutcome {
  orderId: string;
  outcome: 'shipped' | 'skipped' | 'failed';
  error?: { code: string; message: string };
}

export const OUTCOME_NAMES: Record<BatchOutcome['outcome'], string> = {
  shipped: 'Shipped',
  skipped: 'Skipped',
  failed: 'Not shipped',
};

/** The batch's body: each chosen order with the carrier and its own waybill, when given. */
export const batchOf = (waybills: ReadonlyMap<string, string>, carrier: string) => ({
  orders: [...waybills].map(([orderId, waybill]) => ({
    orderId,
    ...(carrier ? { deliveryId: carrier } : {}),
    ...(waybill.trim() ? { waybillId: waybill.trim() } : {}),
  })),
});
