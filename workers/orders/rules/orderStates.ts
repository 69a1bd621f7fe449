import type { OrderStatus } from '../../../shared/orders';
import { type Refusal, refusal } from '../../platform/refusal';

/**
 * The order life cycle, the one place that says which moves are allowed: unpaid → paid →
 * shipped → completed, or an unpaid order is cancelled or expires.
 */
export const ORDER_MOVES = {
  unpaid: ['paid', 'cancelled', 'expired'],
  paid: ['shipped'],
  shipped: ['completed'],
} as const satisfies Partial<Record<OrderStatus, readonly OrderStatus[]>>;

type Moves = typeof ORDER_MOVES;
export type MovableStatus = keyof Moves;
export type NextStatus<From extends MovableStatus> = Moves[From][number];
/** One allowed step, as plain data (it crosses Durable Object RPC). */
export type OrderMove = { [From in MovableStatus]: { from: From; to: NextStatus<From> } }[MovableStatus];

/** Orders in these states were paid: their stock is sold. */
export const PAID = ['paid', 'shipped', 'completed'] as const satisfies readonly OrderStatus[];
/** Orders in these states were never paid: whatever stock they held goes back when they close. */
export const RELEASABLE = ['unpaid', 'cancelled', 'expired'] as const satisfies readonly OrderStatus[];
/** Orders that closed unpaid: closing them again changes nothing. */
export const CLOSED = ['cancelled', 'expired'] as const satisfies readonly OrderStatus[];

const within = (states: readonly OrderStatus[], status: OrderStatus): boolean => states.includes(status);

export const canMove = (from: OrderStatus, to: OrderStatus): boolean =>
  (ORDER_MOVES as Partial<Record<OrderStatus, readonly OrderStatus[]>>)[from]?.includes(to) ?? false;

export const isPaid = (status: OrderStatus): boolean => within(PAID, status);
export const isReleasable = (status: OrderStatus): boolean => within(RELEASABLE, status);
export const isClosed = (status: OrderStatus): boolean => within(CLOSED, status);

/** An unpaid order past its expiry can no longer be paid, even before the expiry alarm closes it. */
export const isPastExpiry = (order: { status: OrderStatus; expiresAt: number | null }, now: number): boolean =>
  order.status === 'unpaid' && order.expiresAt !== null && now >= order.expiresAt;

/** What an order in `status` answers when asked to move where it cannot: 409 naming the state. */
export const wrongState = (status: OrderStatus, wanted: string): Refusal =>
  refusal(409, `order_${status}`, `the order is ${status}; ${wanted}`);
