import { refusal } from '../platform/refusal';

/** What a member's order operation answers for an order that is not one of the member's. */
export const ORDER_NOT_FOUND = refusal(404, 'not_found', 'no such order of this member', 'orderId');

/** A Mini-Shop order is paid and moved on at the Mini-Shop, and arrives here by sync. */
export const MINISHOP_ORDER = refusal(409, 'order_minishop', 'a Mini-Shop order is paid and moved on at the Mini-Shop');
