import { Hono } from 'hono';
import { controlRoutes } from './control';
import { type EmulatorHonoEnv, shopOf } from './env';
import { errorReply, toResponse } from './replies';
import { MEDIA_BASE } from './shop/mediaImages';
import { appidOfToken } from './shop/tokens';

/**
 * The WeChat Mini-Shop API as docs/minishop-api.md describes it: token endpoints under
 * `/cgi-bin/`, POST-only business calls under `/product/`, answers as HTTP 200 with `errcode`.
 */
export const emulatorApp = new Hono<EmulatorHonoEnv>()
  .get('/health', (c) => c.json({ ok: true }))
  .route('/__control', controlRoutes)
  .get('/cgi-bin/token', async (c) => {
    const { grant_type, appid, secret } = c.req.query();
    if (grant_type !== 'client_credential') return toResponse(errorReply(40002));
    if (!appid) return toResponse(errorReply(41002));
    return toResponse(await shopOf(c.env, appid).issueToken(c.req.path, appid, secret, Date.now()));
  })
  .post('/cgi-bin/stable_token', async (c) => {
    const body = await c.req.json<Record<string, unknown>>().catch(() => null);
    if (!body) return toResponse(errorReply(47001));
    if (body.grant_type !== 'client_credential') return toResponse(errorReply(40002));
    if (typeof body.appid !== 'string') return toResponse(errorReply(41002));
    const secret = typeof body.secret === 'string' ? body.secret : undefined;
    return toResponse(await shopOf(c.env, body.appid).issueToken(c.req.path, body.appid, secret, Date.now()));
  })
  .get('/media/:appid/:name', async (c) => {
    const { status, png } = await shopOf(c.env, c.req.param('appid')).picture(c.req.path);
    return png ? new Response(png, { headers: { 'Content-Type': 'image/png' } }) : new Response(null, { status });
  })
  .post('/product/*', async (c) => {
    const token = c.req.query('access_token');
    if (!token) return toResponse(errorReply(41001));
    const appid = appidOfToken(token);
    if (!appid) return toResponse(errorReply(40001));
    const reply = await shopOf(c.env, appid).call(c.req.path, await c.req.text(), token, Date.now());
    // Pictures are named at the emulator's own address, so a hub outside the tests can fetch them.
    return toResponse({ ...reply, body: reply.body.replaceAll(MEDIA_BASE, `${new URL(c.req.url).origin}/media`) });
  })
  // The real API answers any other method on a business path with 43002, still HTTP 200.
  .all('/product/*', () => toResponse(errorReply(43002)));

emulatorApp.notFound(() => toResponse(errorReply(40066)));
