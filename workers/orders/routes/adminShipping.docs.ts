import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin orders', 'admin');

/** How `adminShipping.ts` is described in `/api/openapi.json`. */
export const docs = {
  ship: described({
    summary: 'Ship an order',
    description:
      'A Mini-Shop order ships at the Mini-Shop first. Express needs a carrier (`deliveryId`) and a waybill (`waybillId`).',
    responses: {
      200: '`{ orderId, status: "shipped" }`',
      400: 'a field is invalid, or an express order without carrier or waybill',
      404: 'no such order',
      409: 'already shipped, under dispute (after-sale), not paid, or its Mini-Shop is unbound',
    },
  }),
  shipBatch: described({
    summary: 'Ship many orders, reported order by order',
    description: 'What is already shipped is skipped; an order with an item in after-sale fails.',
    responses: { 200: '`{ results }`: shipped, skipped or failed (with the error), per order' },
  }),
};
