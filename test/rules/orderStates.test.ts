import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../shared/orders';
import {
  canMove,
  isClosed,
  isPaid,
  isPastExpiry,
  isReleasable,
  wrongState,
} from '../../workers/orders/rules/orderStates';

describe('order states', () => {
  it('lets an unpaid order be paid, cancelled or expire, and a paid one only ship, then complete', () => {
    expect(['paid', 'cancelled', 'expired'].every((to) => canMove('unpaid', to as never))).toBe(true);
    expect(canMove('paid', 'shipped')).toBe(true);
    expect(canMove('shipped', 'completed')).toBe(true);
    expect(canMove('unpaid', 'shipped')).toBe(false);
    expect(canMove('unpaid', 'completed')).toBe(false);
  });

  it('does not let a paid, shipped or completed order be cancelled, nor a closed one be paid', () => {
    for (const status of ['paid', 'shipped', 'completed'] as const) expect(canMove(status, 'cancelled')).toBe(false);
    for (const status of ['cancelled', 'expired'] as const) {
      expect(ORDER_STATUSES.some((to) => canMove(status, to))).toBe(false);
    }
    expect(canMove('completed', 'shipped')).toBe(false);
  });

  it('says a paid order’s stock is sold, and an unpaid or closed one’s goes back', () => {
    expect(ORDER_STATUSES.filter(isPaid)).toEqual(['paid', 'shipped', 'completed']);
    expect(ORDER_STATUSES.filter(isReleasable)).toEqual(['unpaid', 'cancelled', 'expired']);
    expect(ORDER_STATUSES.filter(isClosed)).toEqual(['cancelled', 'expired']);
  });

  it('treats an unpaid order as past its expiry from the moment it expires', () => {
    const order = { status: 'unpaid' as const, expiresAt: 1_000 };
    expect(isPastExpiry(order, 999)).toBe(false);
    expect(isPastExpiry(order, 1_000)).toBe(true);
    expect(isPastExpiry({ ...order, status: 'paid' }, 5_000)).toBe(false);
    expect(isPastExpiry({ ...order, expiresAt: null }, 5_000)).toBe(false);
  });

  it('refuses a wrong move with 409 naming the order’s state', () => {
    expect(wrongState('cancelled', 'it can no longer be paid')).toEqual({
      refused: { status: 409, code: 'order_cancelled', message: 'the order is cancelled; it can no longer be paid' },
    });
  });
});
