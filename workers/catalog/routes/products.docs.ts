import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('catalog', 'anyone');

/** How `products.ts` is described in `/api/openapi.json`. */
export const docs = {
  list: described({
    summary: 'Listed products: search, category subtree, sort, paging',
    description: 'A page of products and the `catalog:<viewId>` feed room that keeps what it shows live.',
    responses: { 200: 'a page of products, its next cursor and its feed', 304: 'unchanged since the ETag given' },
  }),
  read: described({
    summary: "A listed product's page",
    description: 'Content, options, SKUs and the feed room of the product page.',
    responses: { 200: 'the product', 304: 'unchanged since the ETag given', 404: 'no listed product with this id' },
  }),
  sales: described({
    summary: 'The sales figure shoppers see',
    description: 'Mini-Shop sales are added when the product says so.',
    responses: { 200: '`{ productId, sales }`', 404: 'no such product' },
  }),
};
