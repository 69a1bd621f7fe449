import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('orders', 'member');

/** How `orders.ts` is described in `/api/openapi.json`. */
export const docs = {
  place: described({
    summary: 'Place an order',
    description:
      "Reserves stock on every line, applies a claimed coupon, and shows the unpaid order in `account:<memberId>` on every channel. The order's channel is the token's. A replayed `Idempotency-Key` answers the order it placed.",
    parameters: [
      {
        in: 'header',
        name: 'Idempotency-Key',
        required: true,
        description: 'one key per order the shopper means to place',
        schema: { type: 'string', minLength: 1, maxLength: 128 },
      },
    ],
    responses: {
      201: 'the unpaid order',
      200: 'the order this key placed before',
      400: 'a field or the Idempotency-Key header is invalid',
      403: "a channel other than the token's",
      404: 'an unknown SKU, address or pickup point',
      409: 'a line cannot be reserved, the coupon does not apply, or the address is not delivered to',
    },
  }),
  list: described({ summary: "The member's orders", responses: { 200: '`{ orders }`' } }),
  read: described({
    summary: 'One of the member’s orders',
    responses: { 200: 'the order', 404: 'no such order of this member' },
  }),
  cancel: described({
    summary: 'Cancel an unpaid order',
    description: 'Its stock and coupon are released.',
    responses: {
      200: 'the cancelled order',
      404: 'no such order of this member',
      409: 'the order cannot be cancelled',
    },
  }),
  pay: described({
    summary: 'Pay an order, from any channel',
    description: 'By balance at once, or through the payment provider (the answer says how to finish).',
    responses: {
      200: 'the order paid, or the payment started at the provider',
      404: 'no such order of this member',
      409: 'not payable: not unpaid, a Mini-Shop order, or the balance is short',
    },
  }),
  confirm: described({
    summary: 'Confirm a shipped order was received',
    responses: { 200: 'the completed order', 404: 'no such order of this member', 409: 'the order is not shipped' },
  }),
};
