import { Hono, type NotFoundHandler } from 'hono';
import { adminCategoryRoutes } from '../catalog/routes/adminCategories';
import { adminFlashSaleRoutes } from '../catalog/routes/adminFlashSales';
import { adminImageRoutes } from '../catalog/routes/adminImages';
import { adminProductRoutes } from '../catalog/routes/adminProducts';
import { adminSkuRoutes } from '../catalog/routes/adminSkus';
import { categoryRoutes } from '../catalog/routes/categories';
import { mediaRoutes } from '../catalog/routes/media';
import { productRoutes } from '../catalog/routes/products';
import { skuRoutes } from '../catalog/routes/skus';
import { adminCouponRoutes } from '../members/routes/adminCoupons';
import { adminMemberRoutes } from '../members/routes/adminMembers';
import { adminTierRoutes } from '../members/routes/adminTiers';
import { authRoutes } from '../members/routes/auth';
import { couponRoutes } from '../members/routes/coupons';
import { memberRoutes } from '../members/routes/members';
import { adminMiniShopRoutes } from '../minishop/routes/adminMinishop';
import { adminMonitorRoutes } from '../monitor/routes/adminMonitor';
import { adminDashboardRoutes } from '../orders/routes/adminDashboard';
import { adminOrderRoutes } from '../orders/routes/adminOrders';
import { adminProductFreightRoutes } from '../orders/routes/adminProductFreight';
import { adminShippingRoutes } from '../orders/routes/adminShipping';
import { orderRoutes } from '../orders/routes/orders';
import { paymentRoutes } from '../orders/routes/payments';
import { adminPickupPointRoutes, pickupPointRoutes } from '../orders/routes/pickupPoints';
import { identifyCaller, requirePermission } from '../staff/adminAccess';
import { auditWrites } from '../staff/auditTrail';
import { adminAuditRoutes } from '../staff/routes/adminAudit';
import { adminStaffRoutes } from '../staff/routes/adminStaff';
import { socketTicketRoutes } from '../staff/routes/socketTickets';
import { staffSessionRoutes } from '../staff/routes/staffSession';
import { errorBody, renderError } from './errors';
import type { HubEnv } from './hubEnv';
import { apiReferenceRoutes } from './routes/apiReference';
import { syncRoutes } from './routes/sync';
import { healthDocs } from './routes/sync.docs';

/** The edge Worker: authenticates, validates and routes to the room that owns the data. */
export const app = new Hono<HubEnv>()
  .get('/health', healthDocs, (c) => c.json({ ok: true }))
  .route('/sync', syncRoutes)
  .route(
    '/api',
    apiReferenceRoutes((): Hono<HubEnv> => app),
  )
  .route('/api/skus', skuRoutes)
  .route('/api/products', productRoutes)
  .route('/api/categories', categoryRoutes)
  .route('/media', mediaRoutes)
  .route('/api/auth', authRoutes)
  .route('/api/members', memberRoutes)
  .route('/api/coupons', couponRoutes)
  .route('/api/orders', orderRoutes)
  .route('/api/payments', paymentRoutes)
  .route('/api/pickup-points', pickupPointRoutes)
  .route('/api/staff', staffSessionRoutes)
  // Who calls (API key or staff cookie), then the audit event around the write, refusals by role included.
  .use('/api/admin/*', identifyCaller, auditWrites, requirePermission)
  .route('/api/admin/products', adminProductRoutes)
  .route('/api/admin/categories', adminCategoryRoutes)
  .route('/api/admin/images', adminImageRoutes)
  .route('/api/admin/products', adminProductFreightRoutes)
  .route('/api/admin/skus', adminSkuRoutes)
  .route('/api/admin/members', adminMemberRoutes)
  .route('/api/admin/tiers', adminTierRoutes)
  .route('/api/admin/coupons', adminCouponRoutes)
  .route('/api/admin/flash-sales', adminFlashSaleRoutes)
  .route('/api/admin/minishop', adminMiniShopRoutes)
  .route('/api/admin/dashboard', adminDashboardRoutes)
  .route('/api/admin/orders', adminOrderRoutes)
  .route('/api/admin/orders', adminShippingRoutes)
  .route('/api/admin/pickup-points', adminPickupPointRoutes)
  .route('/api/admin/monitor', adminMonitorRoutes)
  .route('/api/admin/socket-tickets', socketTicketRoutes)
  .route('/api/admin/staff', adminStaffRoutes)
  .route('/api/admin/audit', adminAuditRoutes);

/** The error shape's 404 for a path no route serves. */
export const noRoute: NotFoundHandler = (c) =>
  c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404);

app.onError(renderError);
app.notFound(noRoute);
