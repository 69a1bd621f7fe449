import { env } from 'cloudflare:test';
import { withIdentity } from '../../workers/platform/room/socketIdentity';
import { RoomClient } from '../support/roomClient';
import { type EchoIdentity, echoRoomsOf, WRITABLE_ROOM } from './echoRoom';

const echoRooms = echoRoomsOf(env);

/** A fresh echo object, so no test sees another's sockets or hooks. */
export const freshEchoObject = () => echoRooms.get(echoRooms.idFromName(crypto.randomUUID()));

export type EchoStub = ReturnType<typeof freshEchoObject>;

/** Opens a socket straight to the object, with the identity the Worker in front would hand over. */
export const connectToEcho = async (stub: EchoStub, room: string, name: string): Promise<RoomClient> => {
  const identity: EchoIdentity = { room, writable: room === WRITABLE_ROOM, name };
  const upgrade = new Request('http://echo/', { headers: { Upgrade: 'websocket' } });
  return RoomClient.over(await stub.fetch(withIdentity(upgrade, identity)));
};
