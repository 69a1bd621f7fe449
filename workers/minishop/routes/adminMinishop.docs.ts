import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('minishop', 'admin');

const NO_SHOP = 'no Mini-Shop bound with this appid';

/** How `adminMinishop.ts` is described in `/api/openapi.json`. */
export const docs = {
  bind: described({
    summary: 'Bind a Mini-Shop with its appid and secret',
    responses: {
      201: 'the bound shop',
      400: 'a field is invalid, or the Mini-Shop refused the appid or secret',
      409: 'a migration of this shop is running',
      502: 'the Mini-Shop could not be reached',
    },
  }),
  list: described({ summary: 'The bound Mini-Shops', responses: { 200: '`{ shops }`' } }),
  read: described({
    summary: 'A Mini-Shop: rules, auto-sync, the last migration',
    responses: { 200: 'the shop', 404: NO_SHOP },
  }),
  unbind: described({
    summary: 'Unbind a Mini-Shop',
    description: 'Synced orders can no longer be operated on; synced products stay; auto-sync stops.',
    responses: { 200: 'the unbound shop', 404: NO_SHOP, 409: 'a migration is running' },
  }),
  rules: described({
    summary: 'Change the sync rules',
    responses: { 200: 'the shop', 404: NO_SHOP, 409: 'a migration is running, or the shop is unbound' },
  }),
  autoSync: described({
    summary: 'Turn auto-sync on or off',
    responses: { 200: 'the shop', 404: NO_SHOP, 409: 'the shop is unbound' },
  }),
  freightTemplates: described({
    summary: "The shop's freight templates, synced once",
    responses: { 200: 'the templates', 404: NO_SHOP },
  }),
  migrate: described({
    summary: 'Start a migration of products and orders',
    description: 'Resumable; never duplicates a product or order. Progress shows in the shop and the monitor.',
    responses: { 202: 'the migration started', 404: NO_SHOP, 409: 'a migration is running, or the shop is unbound' },
  }),
  sales: described({
    summary: "A product's sales: Mini-Shop, the mall's, and what shoppers see",
    responses: { 200: 'the sales figures', 404: 'no such product' },
  }),
  setSales: described({
    summary: "Add (or stop adding) a Mini-Shop product's third-party sales to what shoppers see",
    responses: { 200: 'the sales figures', 404: 'no such Mini-Shop product' },
  }),
};
