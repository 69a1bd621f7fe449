import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin orders', 'admin');

/** How `adminDashboard.ts` is described in `/api/openapi.json`. */
export const docs = {
  read: described({
    summary: "Today's orders, GMV and paying shoppers per channel (China time), the to-do counts, orders by hour",
    responses: { 200: 'the dashboard figures' },
  }),
};
