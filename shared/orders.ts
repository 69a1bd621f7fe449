/** An order's life: unpaid → paid → shipped → completed, or an unpaid one is cancelled or expires. */
export const ORDER_STATUSES = ['unpaid', 'paid', 'shipped', 'completed', 'cancelled', 'expired'] as const;

/** Where an order was placed: this mall, or a WeChat Mini-Shop it was migrated from. */
export const ORDER_SOURCES = ['mall', 'minishop'] as const;

/** How an order is paid: from the member's balance, or through the payment provider. */
export const PAYMENT_METHODS = ['balance', 'provider'] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];
