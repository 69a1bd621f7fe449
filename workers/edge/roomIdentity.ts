import type { Channel } from '../../shared/channels';
import type { SocketIdentity } from '../platform/room/socketIdentity';

/** Who is on the other end of a mall room's socket; `resolveRoom` decides it before the upgrade. */
export interface RoomIdentity extends SocketIdentity {
  channel: Channel;
  /** The member the token names; `null` for anonymous subscribers. */
  memberId: string | null;
}
