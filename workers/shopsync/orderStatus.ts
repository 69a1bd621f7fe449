import type { ORDER_STATUSES } from '../../schema/orders';
import type { SourceOrderStatus } from '../minishop/schemas/model';

type LocalStatus = (typeof ORDER_STATUSES)[number];

/**
 * Seed 002 syncs orders to ship, shipped, completed and cancelled; unpaid ones (and codes the
 * API does not document) stay at the Mini-Shop. A partly shipped order still has to ship.
 */
const LOCAL_STATUS: Partial<Record<SourceOrderStatus, LocalStatus>> = {
  to_ship: 'paid',
  partly_shipped: 'paid',
  shipped: 'shipped',
  completed: 'completed',
  cancelled_after_sale: 'cancelled',
  cancelled: 'cancelled',
};

/** The local status of a Mini-Shop order, or null when such orders are not synced. */
export const localOrderStatus = (status: SourceOrderStatus): LocalStatus | null => LOCAL_STATUS[status] ?? null;
