import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('catalog', 'anyone');

/** How `categories.ts` is described in `/api/openapi.json`. */
export const docs = {
  tree: described({
    summary: 'The category tree',
    responses: { 200: '`{ categories }`, each with its children', 304: 'unchanged since the ETag given' },
  }),
};
