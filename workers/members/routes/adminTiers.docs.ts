import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin members', 'admin');

/** How `adminTiers.ts` is described in `/api/openapi.json`. */
export const docs = {
  list: described({ summary: 'The member tiers', responses: { 200: '`{ tiers }`' } }),
  define: described({
    summary: 'Define a tier or change its threshold',
    description: "It applies to each member at that member's next points move.",
    responses: { 201: 'the tier' },
  }),
};
