import { Hono } from 'hono';
import { isChannel } from '../../../shared/channels';
import { withIdentity } from '../../platform/room/socketIdentity';
import { ApiError } from '../errors';
import type { HubEnv } from '../hubEnv';
import { resolveRoom } from '../roomAccess';
import { docs } from './sync.docs';

/** `GET /sync/<room>?channel=…&token=…` with `Upgrade: websocket`: the y-websocket endpoint. */
export const syncRoutes = new Hono<HubEnv>().get('/:room', docs.room, async (c) => {
  const channel = c.req.query('channel');
  if (!isChannel(channel)) {
    throw new ApiError(400, 'invalid_input', 'channel must be one of pc, h5, mini, app', 'channel');
  }
  const { stub, identity } = await resolveRoom(c.env, c.req.param('room'), channel, c.req.query('token'));
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    throw new ApiError(426, 'upgrade_required', 'connect with a WebSocket upgrade');
  }
  return stub.fetch(withIdentity(c.req.raw, identity));
});
