import type { OrderStatus } from '../../../shared/orders';
import type { SourceOrderStatus } from '../api/schemas/model';

/**
 * Seed 002 syncs orders to ship, shipped, completed and cancelled; unpaid ones (and codes the
 * API does not document) stay at the Mini-Shop. A partly shipped order still has to ship.
 */
const LOCAL_STATUS: Partial<Record<SourceOrderStatus, OrderStatus>> = {
  to_ship: 'paid',
  partly_shipped: 'paid',
  shipped: 'shipped',
  completed: 'completed',
  cancelled_after_sale: 'cancelled',
  cancelled: 'cancelled',
};

/** The local status of a Mini-Shop order, or null when such orders are not synced. */
export const localOrderStatus = (status: SourceOrderStatus): OrderStatus | null => LOCAL_STATUS[status] ?? null;
