import { featureRoutes } from '../../edge/apiDescription';

const shopper = featureRoutes('orders', 'anyone');
const operator = featureRoutes('admin orders', 'admin');

/** How `pickupPoints.ts` is described in `/api/openapi.json`. */
export const docs = {
  list: shopper({ summary: 'The pickup points of self-pickup orders', responses: { 200: '`{ pickupPoints }`' } }),
  operatorList: operator({ summary: 'The pickup points', responses: { 200: '`{ pickupPoints }`' } }),
  add: operator({ summary: 'Add a pickup point', responses: { 201: 'the pickup point' } }),
  edit: operator({
    summary: 'Edit a pickup point',
    responses: { 200: 'the pickup point', 404: 'no such pickup point' },
  }),
  remove: operator({
    summary: 'Remove a pickup point',
    description: 'Orders keep their snapshot of it.',
    responses: { 204: 'removed', 404: 'no such pickup point' },
  }),
};
