import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin catalog', 'admin');

/** How `adminSkus.ts` is described in `/api/openapi.json`. */
export const docs = {
  edit: described({
    summary: "Change a SKU's price, stock or listing",
    description: 'Every storefront showing the SKU sees the change over its socket.',
    responses: { 200: "the SKU's new state", 404: 'no such SKU' },
  }),
  batch: described({
    summary: 'Change many SKUs at once',
    description: 'All or nothing on unknown SKUs: none changes when one is unknown.',
    responses: { 200: '`{ skus }`, each in its new state', 404: 'an unknown SKU, named by its field' },
  }),
  sync: described({
    summary: "A SKU room's sync latency per channel",
    responses: { 200: '`{ room, channels }`', 404: 'no such SKU' },
  }),
};
