import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { timingSafeEqual } from 'hono/utils/buffer';
import { type EmulatorHonoEnv, shopOf } from './env';
import { shopProfileSchema } from './seed/profiles';
import { newProductSchema, orderChangeSchema, productChangeSchema } from './shop/EmulatedShop';
import { faultSchema } from './shop/faults';

/**
 * The emulator's admin-only control routes (`Authorization: Bearer <CONTROL_SECRET>`): create
 * shops, script faults, expire tokens, change orders, add and change products, count calls, for tests and dev.
 */
export const controlRoutes = new Hono<EmulatorHonoEnv>()
  .use(
    bearerAuth<EmulatorHonoEnv>({
      verifyToken: (token, c) => c.env.CONTROL_SECRET.length > 0 && timingSafeEqual(token, c.env.CONTROL_SECRET),
    }),
  )
  .post('/shops', zValidator('json', shopProfileSchema), async (c) => {
    const profile = c.req.valid('json');
    return c.json(await shopOf(c.env, profile.appid).register(profile), 201);
  })
  .get('/shops/:appid', async (c) => c.json(await shopOf(c.env, c.req.param('appid')).summary(c.req.param('appid'))))
  .post('/shops/:appid/faults', zValidator('json', faultSchema), async (c) => {
    await shopOf(c.env, c.req.param('appid')).injectFault(c.req.valid('json'));
    return c.body(null, 204);
  })
  .delete('/shops/:appid/faults', async (c) => {
    await shopOf(c.env, c.req.param('appid')).clearFaults();
    return c.body(null, 204);
  })
  .post('/shops/:appid/tokens/expire', async (c) => {
    await shopOf(c.env, c.req.param('appid')).expireTokens(Date.now());
    return c.body(null, 204);
  })
  .post('/shops/:appid/tokens/revoke', async (c) => {
    await shopOf(c.env, c.req.param('appid')).revokeTokens();
    return c.body(null, 204);
  })
  .patch('/shops/:appid/orders/:orderId', zValidator('json', orderChangeSchema), async (c) => {
    const order = await shopOf(c.env, c.req.param('appid')).changeOrder(
      c.req.param('orderId'),
      c.req.valid('json'),
      Date.now(),
    );
    return order ? c.json(order) : c.json({ error: 'order not found' }, 404);
  })
  .post('/shops/:appid/products', zValidator('json', newProductSchema), async (c) =>
    c.json(await shopOf(c.env, c.req.param('appid')).addProduct(c.req.valid('json')), 201),
  )
  .patch('/shops/:appid/products/:productId', zValidator('json', productChangeSchema), async (c) => {
    const changed = await shopOf(c.env, c.req.param('appid')).changeProduct(
      c.req.param('productId'),
      c.req.valid('json'),
    );
    return changed ? c.json(changed) : c.json({ error: 'product or SKU not found' }, 404);
  })
  .get('/shops/:appid/calls', async (c) => c.json({ calls: await shopOf(c.env, c.req.param('appid')).calls() }));
