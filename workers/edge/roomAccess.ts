import type { Channel } from '../../shared/channels';
import { parseRoom } from '../../shared/rooms';
import { catalogRoomOf } from '../catalog/CatalogRoom';
import { skuRoomOf } from '../catalog/SkuRoom';
import type { Env } from '../env';
import { authenticate } from '../members/auth/memberSession';
import { memberRoomOf } from '../members/MemberRoom';
import { currentMemberId } from '../members/records/memberRecords';
import { monitorRoomOf } from '../monitor/roomFeed';
import { database } from '../records/db';
import { ApiError, notFound } from './errors';
import type { RoomIdentity } from './roomIdentity';

/** What the edge needs of a room's object: which object it is, and its WebSocket endpoint. */
interface RoomEndpoint {
  readonly id: DurableObjectId;
  fetch(request: Request): Promise<Response>;
}

/** A room object whose crowded rooms spread over relays: it says where a new socket goes (YRoom.placeSocket). */
interface RelayedEndpoint extends RoomEndpoint {
  placeSocket(identity: RoomIdentity): Promise<string | null>;
}

/** A room and the identity a socket gets there; `relays`: the objects its plain sockets may be placed in. */
export interface ResolvedRoom {
  stub: RoomEndpoint;
  identity: RoomIdentity;
  relays?: { owner: RelayedEndpoint; namespace: { getByName(name: string): RoomEndpoint } };
}

/**
 * A member's own rooms: the token must name that member (or the survivor it was merged into,
 * whose rooms it then gets) on the channel it connects from. Checked before any upgrade.
 */
const privateRoom = async (
  env: Env,
  kind: 'member' | 'account',
  memberId: string,
  channel: Channel,
  token?: string,
) => {
  const session = await authenticate(env, token);
  if (session.channel !== channel) throw new ApiError(403, 'forbidden', 'the token was issued for another channel');
  if ((await currentMemberId(database(env.DB), memberId)) !== session.memberId) {
    throw new ApiError(403, 'forbidden', 'not your room');
  }
  const identity: RoomIdentity = {
    room: `${kind}:${session.memberId}`,
    channel,
    memberId: session.memberId,
    writable: kind === 'member',
  };
  return { stub: memberRoomOf(env, session.memberId), identity };
};

/**
 * Which object serves a room and on what terms (docs/architecture.md, "Objects and rooms"). The one
 * place to look when a room kind is added.
 */
export const resolveRoom = async (
  env: Env,
  name: string,
  channel: Channel,
  token: string | undefined,
  admitOperator: () => Promise<void>,
): Promise<ResolvedRoom> => {
  const room = parseRoom(name);
  const readOnly = (stub: RoomEndpoint) => ({
    stub,
    identity: { room: name, channel, memberId: null, writable: false },
  });
  const relayed = (owner: RelayedEndpoint) => ({ ...readOnly(owner), relays: { owner, namespace: env.CATALOG_RELAY } });
  switch (room?.kind) {
    case 'sku':
      return relayed(skuRoomOf(env, room.id as string));
    case 'catalog':
      return relayed(catalogRoomOf(env));
    case 'member':
    case 'account':
      return privateRoom(env, room.kind, room.id as string, channel, token);
    case 'monitor':
      await admitOperator();
      return readOnly(monitorRoomOf(env));
    default:
      throw notFound(`room ${name}`);
  }
};
