import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin catalog', 'admin');

/** How `adminProducts.ts` is described in `/api/openapi.json`. */
export const docs = {
  create: described({
    summary: 'Create a product with its SKUs',
    responses: { 201: 'the product as operators see it', 409: 'two SKUs with the same option values' },
  }),
  list: described({
    summary: 'Find products: search, category, status, source, paging',
    responses: { 200: 'a page of products, newest first' },
  }),
  read: described({
    summary: 'A product as operators see it',
    responses: { 200: 'the product', 404: 'no such product' },
  }),
  edit: described({
    summary: "Edit a product's content, categories, options or status",
    responses: { 200: 'the edited product', 404: 'no such product' },
  }),
  options: described({
    summary: "Replace a product's spec options (renames carry over to its SKUs)",
    responses: {
      200: 'the product',
      404: 'no such product, or a SKU in `skus` not of it',
      409: '`option_value_in_use` or `skus_not_distinct`',
    },
  }),
  addSku: described({
    summary: 'Add a SKU to a product',
    responses: {
      201: 'the new SKU',
      404: 'no such product',
      409: 'another SKU has these option values, or a listed SKU on a product that is not listed',
    },
  }),
  editSku: described({
    summary: "Edit a SKU's name, options or picture",
    responses: { 200: 'the edited SKU', 404: 'no such product or SKU', 409: 'another SKU has these option values' },
  }),
  removeSku: described({
    summary: 'Remove a SKU from a product',
    responses: { 200: 'the product without it', 404: 'no such product or SKU', 409: "the product's last SKU" },
  }),
};
