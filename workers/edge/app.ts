import { Hono } from 'hono';
import { errorBody, renderError } from './errors';
import type { HubEnv } from './hubEnv';
import { adminAuth } from './middleware/adminAuth';
import { adminCouponRoutes } from './routes/admin/coupons';
import { adminFlashSaleRoutes } from './routes/admin/flashSales';
import { adminMemberRoutes } from './routes/admin/members';
import { adminMiniShopRoutes } from './routes/admin/minishop';
import { adminMonitorRoutes } from './routes/admin/monitor';
import { adminOrderRoutes } from './routes/admin/orders';
import { adminProductRoutes } from './routes/admin/products';
import { adminShippingRoutes } from './routes/admin/shipping';
import { adminSkuRoutes } from './routes/admin/skus';
import { adminTierRoutes } from './routes/admin/tiers';
import { authRoutes } from './routes/auth';
import { couponRoutes } from './routes/coupons';
import { memberRoutes } from './routes/members';
import { orderRoutes } from './routes/orders';
import { paymentRoutes } from './routes/payments';
import { productRoutes } from './routes/products';
import { skuRoutes } from './routes/skus';
import { syncRoutes } from './routes/sync';

/** The edge Worker: authenticates, validates and routes to the room that owns the data. */
export const app = new Hono<HubEnv>()
  .get('/health', (c) => c.json({ ok: true }))
  .route('/sync', syncRoutes)
  .route('/api/skus', skuRoutes)
  .route('/api/products', productRoutes)
  .route('/api/auth', authRoutes)
  .route('/api/members', memberRoutes)
  .route('/api/coupons', couponRoutes)
  .route('/api/orders', orderRoutes)
  .route('/api/payments', paymentRoutes)
  .use('/api/admin/*', adminAuth)
  .route('/api/admin/products', adminProductRoutes)
  .route('/api/admin/skus', adminSkuRoutes)
  .route('/api/admin/members', adminMemberRoutes)
  .route('/api/admin/tiers', adminTierRoutes)
  .route('/api/admin/coupons', adminCouponRoutes)
  .route('/api/admin/flash-sales', adminFlashSaleRoutes)
  .route('/api/admin/minishop', adminMiniShopRoutes)
  .route('/api/admin/orders', adminOrderRoutes)
  .route('/api/admin/orders', adminShippingRoutes)
  .route('/api/admin/monitor', adminMonitorRoutes);

app.onError(renderError);
app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));
