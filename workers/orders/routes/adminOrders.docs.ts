import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin orders', 'admin');

/** How `adminOrders.ts` is described in `/api/openapi.json`. */
export const docs = {
  list: described({
    summary: "Every member's orders: by status, source, member, time, paging",
    responses: { 200: 'a page of orders' },
  }),
  read: described({
    summary: 'An order in full, payments included',
    responses: { 200: 'the order', 404: 'no such order' },
  }),
  complete: described({
    summary: 'Complete a shipped order',
    responses: { 200: 'the completed order', 404: 'no such order', 409: 'the order is not shipped' },
  }),
};
