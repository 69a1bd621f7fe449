import type { StaffRole } from '../../shared/staffRoles';

/** What an admin route asks of its caller. */
export const PERMISSIONS = [
  /** Every admin read of the mall's records. */
  'records:read',
  /** Products, SKUs (price, stock, listing), categories, images and flash sales. */
  'catalog:write',
  /** Coupons and member tiers. */
  'promotions:write',
  /** Pickup points and products' freight. */
  'delivery:write',
  /** Mini-Shop binding, sync rules, migrations and third-party sales. */
  'minishop:write',
  /** Completing and shipping orders. */
  'orders:write',
  /** Members' tags and the phone repair. */
  'members:write',
  /** Members' points and balance adjustments. */
  'assets:write',
  /** Consistency checks and Force Sync. */
  'monitor:write',
  /** A ticket for the monitor socket. */
  'monitor:watch',
  /** The audit log. */
  'audit:read',
  /** Staff accounts. */
  'staff:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** What each role may do; the owner, everything. */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  operator: [
    'records:read',
    'catalog:write',
    'promotions:write',
    'delivery:write',
    'minishop:write',
    'monitor:write',
    'monitor:watch',
  ],
  customer_service: ['records:read', 'orders:write', 'members:write', 'monitor:watch'],
  finance: ['records:read', 'assets:write', 'audit:read', 'monitor:watch'],
  viewer: ['records:read', 'audit:read', 'monitor:watch'],
};

/**
 * The one table from admin route (`METHOD /path` as the app registers it) to the permission it
 * needs. The admin middleware refuses a route missing here, and `test/authMatrix.test.ts` fails on it.
 */
export const ROUTE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'GET /api/admin/products': 'records:read',
  'GET /api/admin/products/:productId': 'records:read',
  'POST /api/admin/products': 'catalog:write',
  'PATCH /api/admin/products/:productId': 'catalog:write',
  'PUT /api/admin/products/:productId/options': 'catalog:write',
  'POST /api/admin/products/:productId/skus': 'catalog:write',
  'PATCH /api/admin/products/:productId/skus/:skuId': 'catalog:write',
  'DELETE /api/admin/products/:productId/skus/:skuId': 'catalog:write',
  'PUT /api/admin/products/:productId/freight': 'delivery:write',
  'GET /api/admin/categories': 'records:read',
  'POST /api/admin/categories': 'catalog:write',
  'PATCH /api/admin/categories/:categoryId': 'catalog:write',
  'DELETE /api/admin/categories/:categoryId': 'catalog:write',
  'POST /api/admin/images': 'catalog:write',
  'PATCH /api/admin/skus/:skuId': 'catalog:write',
  'POST /api/admin/skus/batch': 'catalog:write',
  'GET /api/admin/skus/:skuId/sync': 'records:read',
  'GET /api/admin/flash-sales': 'records:read',
  'GET /api/admin/flash-sales/:saleId': 'records:read',
  'POST /api/admin/flash-sales': 'catalog:write',
  'PATCH /api/admin/flash-sales/:saleId': 'catalog:write',
  'DELETE /api/admin/flash-sales/:saleId': 'catalog:write',
  'GET /api/admin/members': 'records:read',
  'GET /api/admin/members/:memberId': 'records:read',
  'GET /api/admin/members/:memberId/ledger': 'records:read',
  'GET /api/admin/members/:memberId/account': 'records:read',
  'POST /api/admin/members/phone-repair': 'members:write',
  'PUT /api/admin/members/:memberId/tags': 'members:write',
  'POST /api/admin/members/:memberId/points': 'assets:write',
  'POST /api/admin/members/:memberId/balance': 'assets:write',
  'GET /api/admin/tiers': 'records:read',
  'POST /api/admin/tiers': 'promotions:write',
  'GET /api/admin/coupons': 'records:read',
  'GET /api/admin/coupons/:couponId': 'records:read',
  'POST /api/admin/coupons': 'promotions:write',
  'PATCH /api/admin/coupons/:couponId': 'promotions:write',
  'POST /api/admin/coupons/:couponId/disable': 'promotions:write',
  'GET /api/admin/minishop/shops': 'records:read',
  'GET /api/admin/minishop/shops/:appid': 'records:read',
  'GET /api/admin/minishop/shops/:appid/freight-templates': 'records:read',
  'GET /api/admin/minishop/products/:productId/sales': 'records:read',
  'POST /api/admin/minishop/shops': 'minishop:write',
  'DELETE /api/admin/minishop/shops/:appid': 'minishop:write',
  'PATCH /api/admin/minishop/shops/:appid/rules': 'minishop:write',
  'PUT /api/admin/minishop/shops/:appid/auto-sync': 'minishop:write',
  'POST /api/admin/minishop/shops/:appid/migrations': 'minishop:write',
  'PUT /api/admin/minishop/products/:productId/sales': 'minishop:write',
  'GET /api/admin/dashboard': 'records:read',
  'GET /api/admin/orders': 'records:read',
  'GET /api/admin/orders/:orderId': 'records:read',
  'POST /api/admin/orders/:orderId/complete': 'orders:write',
  'POST /api/admin/orders/:id/ship': 'orders:write',
  'POST /api/admin/orders/ship': 'orders:write',
  'GET /api/admin/pickup-points': 'records:read',
  'POST /api/admin/pickup-points': 'delivery:write',
  'PATCH /api/admin/pickup-points/:pointId': 'delivery:write',
  'DELETE /api/admin/pickup-points/:pointId': 'delivery:write',
  'GET /api/admin/monitor/log': 'records:read',
  'POST /api/admin/monitor/checks': 'monitor:write',
  'POST /api/admin/monitor/force-sync': 'monitor:write',
  'POST /api/admin/socket-tickets': 'monitor:watch',
  'GET /api/admin/audit': 'audit:read',
  'GET /api/admin/staff': 'staff:manage',
  'POST /api/admin/staff': 'staff:manage',
  'PATCH /api/admin/staff/:staffId': 'staff:manage',
};

export const mayDo = (role: StaffRole, permission: Permission): boolean => ROLE_PERMISSIONS[role].includes(permission);
