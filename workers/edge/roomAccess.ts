import type { Channel } from '../../shared/channels';
import { parseRoom } from '../../shared/rooms';
import type { Env } from '../env';
import { catalogRoomOf } from '../objects/CatalogRoom';
import type { SocketIdentity } from '../objects/room/socketIdentity';
import { skuRoomOf } from '../objects/SkuRoom';
import { notFound } from './errors';

/** What the edge needs of a room's object: its WebSocket endpoint. */
interface RoomEndpoint {
  fetch(request: Request): Promise<Response>;
}

/**
 * Which object serves a room and on what terms (DESIGN.md, "Rooms and permissions"). The one
 * place to look when a room kind is added.
 */
export const resolveRoom = (
  env: Env,
  name: string,
  channel: Channel,
): { stub: RoomEndpoint; identity: SocketIdentity } => {
  const room = parseRoom(name);
  const readOnly = (stub: RoomEndpoint) => ({
    stub,
    identity: { room: name, channel, memberId: null, writable: false },
  });
  switch (room?.kind) {
    case 'sku':
      return readOnly(skuRoomOf(env, room.id as string));
    case 'catalog':
      return readOnly(catalogRoomOf(env));
    default:
      throw notFound(`room ${name}`);
  }
};
