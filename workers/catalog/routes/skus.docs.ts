import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('catalog', 'anyone');

/** How `skus.ts` is described in `/api/openapi.json`. */
export const docs = {
  read: described({
    summary: "A SKU's live state",
    description: 'Price (fen), stock, listing, flash sale and rev, as its `sku:<skuId>` room holds them.',
    responses: { 200: 'the SKU', 404: 'no such SKU' },
  }),
};
