import { Hono } from 'hono';
import { type Channel, isChannel } from '../../../shared/channels';
import { MAX_ROOMS_PER_SOCKET, withIdentity, withSocketJoin } from '../../platform/room/socketIdentity';
import { admitMonitorWatcher } from '../../staff/socketTickets';
import { ApiError } from '../errors';
import type { HubEnv } from '../hubEnv';
import { type ResolvedRoom, resolveRoom } from '../roomAccess';
import { docs } from './sync.docs';

const channelOf = (value: string | undefined): Channel => {
  if (!isChannel(value))
    throw new ApiError(400, 'invalid_input', 'channel must be one of pc, h5, mini, app', 'channel');
  return value;
};

const requireUpgrade = (header: string | undefined): void => {
  if (header?.toLowerCase() !== 'websocket')
    throw new ApiError(426, 'upgrade_required', 'connect with a WebSocket upgrade');
};

/**
 * The object a plain socket opens in: the room's own, or the relay shard its owner places it in
 * once the room is crowded (docs/architecture.md, "Relays").
 */
const placed = async ({ stub, identity, relays }: ResolvedRoom) => {
  const relay = relays ? await relays.owner.placeSocket(identity) : null;
  return relay && relays ? relays.namespace.getByName(relay) : stub;
};

/**
 * The y-websocket endpoints. `GET /sync/<room>?channel=…&token=…`: one room, the protocol as the
 * stock client speaks it. `GET /sync?rooms=<room>,<room>&channel=…&token=…`: several rooms of one
 * object over one socket, each frame prefixed with its room's name (`socketIdentity.ts`), for
 * clients that must save sockets (a mini-program may hold five).
 */
export const syncRoutes = new Hono<HubEnv>()
  .get('/', docs.rooms, async (c) => {
    const channel = channelOf(c.req.query('channel'));
    const names = [...new Set((c.req.query('rooms') ?? '').split(',').filter(Boolean))];
    if (names.length === 0 || names.length > MAX_ROOMS_PER_SOCKET) {
      throw new ApiError(
        400,
        'invalid_input',
        `rooms: name 1 to ${MAX_ROOMS_PER_SOCKET} rooms, comma-separated`,
        'rooms',
      );
    }
    const token = c.req.query('token');
    const resolved = await Promise.all(
      names.map((name) => resolveRoom(c.env, name, channel, token, () => admitMonitorWatcher(c))),
    );
    // A merged member's token reaches the survivor's rooms; frames here are named, so the client must name those.
    const moved = resolved.find((r, i) => r.identity.room !== names[i]);
    if (moved)
      throw new ApiError(409, 'room_moved', `rooms: that member's rooms are now ${moved.identity.room}`, 'rooms');
    const [first] = resolved;
    if (!first || resolved.some((r) => !r.stub.id.equals(first.stub.id))) {
      throw new ApiError(
        400,
        'invalid_input',
        'rooms: these rooms live in different objects; open a socket for each',
        'rooms',
      );
    }
    requireUpgrade(c.req.header('Upgrade'));
    return first.stub.fetch(withSocketJoin(c.req.raw, { identities: resolved.map((r) => r.identity), mux: true }));
  })
  .get('/:room', docs.room, async (c) => {
    const channel = channelOf(c.req.query('channel'));
    const resolved = await resolveRoom(c.env, c.req.param('room'), channel, c.req.query('token'), () =>
      admitMonitorWatcher(c),
    );
    requireUpgrade(c.req.header('Upgrade'));
    return (await placed(resolved)).fetch(withIdentity(c.req.raw, resolved.identity));
  });
