import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin catalog', 'admin');

/** How `adminCategories.ts` is described in `/api/openapi.json`. */
export const docs = {
  create: described({
    summary: 'Add a category, at most three levels deep',
    responses: { 201: 'the category', 404: 'no such parent category' },
  }),
  tree: described({ summary: 'The category tree', responses: { 200: '`{ categories }`, each with its children' } }),
  edit: described({
    summary: 'Rename, reorder or move a category',
    responses: {
      200: 'the edited category',
      404: 'no such category or parent',
      409: 'the move would put the category under itself',
    },
  }),
  remove: described({
    summary: 'Delete an unused category',
    responses: { 204: 'deleted', 404: 'no such category', 409: 'it still has subcategories or products' },
  }),
};
