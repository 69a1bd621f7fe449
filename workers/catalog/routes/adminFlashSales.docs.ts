import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin catalog', 'admin');

/** How `adminFlashSales.ts` is described in `/api/openapi.json`. */
export const docs = {
  create: described({
    summary: 'Schedule a flash sale on SKUs, for all or chosen channels',
    description: 'It goes live in every SKU and catalog room at `startsAt` and comes off at `endsAt`.',
    responses: {
      201: 'the sale',
      400: 'a field is invalid, or the sale would be over already',
      404: 'an unknown SKU',
      409: 'a SKU is in another sale at that time',
    },
  }),
  list: described({ summary: 'Every flash sale', responses: { 200: '`{ flashSales }`' } }),
  read: described({ summary: 'A flash sale', responses: { 200: 'the sale', 404: 'no such sale' } }),
  rename: described({ summary: 'Rename a flash sale', responses: { 200: 'the sale', 404: 'no such sale' } }),
  cancel: described({
    summary: 'Cancel a flash sale',
    responses: { 200: 'the cancelled sale', 404: 'no such sale', 409: 'the sale has ended already' },
  }),
};
