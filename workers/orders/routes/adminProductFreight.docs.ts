import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin orders', 'admin');

/** How `adminProductFreight.ts` is described in `/api/openapi.json`. */
export const docs = {
  set: described({
    summary: "Set how a product's freight is charged",
    description: 'A unified amount, or a freight template copied from a Mini-Shop.',
    responses: { 200: 'the setting', 404: 'no such product or freight template' },
  }),
};
