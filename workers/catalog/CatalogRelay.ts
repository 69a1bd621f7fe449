import { CATALOG_ROOM, parseRoom } from '../../shared/rooms';
import type { RoomIdentity } from '../edge/roomIdentity';
import type { Env } from '../env';
import { type RelayedAckOwner, RelayedAcks } from '../monitor/relayedAcks';
import { type RelayOwner, RoomRelay } from '../platform/room/RoomRelay';
import { catalogRoomOf } from './CatalogRoom';
import { skuRoomOf } from './SkuRoom';

/**
 * A relay shard of a `sku:<id>` room or of `catalog` (RoomRelay.ts): the rooms every shopper of a
 * hot product or a flash sale subscribes to, read-only, and written only by their owner. The owner
 * counts its relayed subscribers per channel, and measures their acknowledgements, for the monitor.
 */
export class CatalogRelay extends RoomRelay<Env, RoomIdentity> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.observe(new RelayedAcks((room) => this.ownerOf(room)));
  }

  protected ownerOf(room: string): RelayOwner & RelayedAckOwner {
    const name = parseRoom(room);
    if (name?.kind === 'sku' && name.id) return skuRoomOf(this.env, name.id);
    if (room === CATALOG_ROOM) return catalogRoomOf(this.env);
    throw new Error(`${room} has no relays`);
  }

  protected tallyOf(identity: RoomIdentity): string {
    return identity.channel;
  }
}
