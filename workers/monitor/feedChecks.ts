import { parseRoom } from '../../shared/rooms';
import { catalogRoomOf } from '../catalog/CatalogRoom';
import { skuRoomOf } from '../catalog/SkuRoom';
import type { Env } from '../env';
import { memberRoomOf } from '../members/MemberRoom';
import { inBatches } from '../platform/inBatches';
import { emptyRoomChannels, type RoomChannels } from './roomFeed';

/**
 * How long a room's feed stands on its last report. A room reports when its sockets or
 * acknowledgements change (roomFeed.ts), and an object that dies reports nothing, so past this the
 * monitor asks the room what it has now. Asking is the cheapest bound: only quiet rooms with open
 * sockets are asked (at most once per this long), idle objects are never woken, and a room needs
 * no timer or alarm of its own that would keep it from hibernating. A crashed object restarts with
 * no socket, so the answer counts it at 0.
 */
export const FEED_QUIET_MS = 10_000;
/** A feed whose room has not answered for this long is dropped: its sockets cannot be confirmed. */
export const FEED_DROP_MS = 60_000;

/** What each room (by name) has open now; null when its object did not answer. */
export const askRooms = (env: Env, rooms: string[]): Promise<Array<RoomChannels | null>> =>
  inBatches(rooms, async (name) => {
    try {
      return await channelsNow(env, name);
    } catch (error) {
      console.error(`monitor feed check ${name}`, error);
      return null;
    }
  });

/** Asks the object that serves `name` (edge/roomAccess.ts); a name no room object serves has nothing open. */
const channelsNow = async (env: Env, name: string): Promise<RoomChannels> => {
  const room = parseRoom(name);
  switch (room?.kind) {
    case 'sku':
      return skuRoomOf(env, room.id as string).channelsNow(name);
    case 'catalog':
      return catalogRoomOf(env).channelsNow(name);
    case 'member':
    case 'account':
      return memberRoomOf(env, room.id as string).channelsNow(name);
    default:
      return emptyRoomChannels();
  }
};
