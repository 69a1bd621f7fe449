import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/channels';
import { PERMISSION_DENIED } from '../../shared/protocol/messages';
import { createSku, getSku, patchSku } from './support/hubApi';
import { Storefront } from './support/storefront';
import { waitFor } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

/** Subscribers per object: past the first three, the hub opens sockets on relay shards. */
const THRESHOLD = 3;
const EDIT_DEADLINE_MS = 5000;

const dev = useWranglerDev<Storefront>({ vars: () => ({ RELAY_THRESHOLD: String(THRESHOLD) }) });

describe('stock y-websocket clients of a room spread over relays', () => {
  it('each applies every edit once and in order, and is refused a write as on the owner', async () => {
    const sku = await createSku(dev.hub, 'Relayed tee', 9900);
    const all: Storefront[] = [];
    // One after another, so the owner and then each shard fill up to the threshold.
    for (let i = 0; i < 4 * THRESHOLD; i++) {
      const client = dev.track(new Storefront(dev.hub, sku.skuId, CHANNELS[i % CHANNELS.length] ?? 'h5'));
      await client.synced();
      all.push(client);
    }

    const edits = 10;
    let last = sku;
    for (let i = 1; i <= edits; i++) last = await patchSku(dev.hub, sku.skuId, { price: 9000 + i });
    await Promise.all(all.map((client) => client.applied(last.rev, EDIT_DEADLINE_MS)));
    // `revAppliedAt` keeps each rev once, in the order the client applied them.
    const every = Array.from({ length: edits + 1 }, (_, i) => sku.rev + i);
    for (const client of all) {
      expect([...client.revAppliedAt.keys()]).toEqual(every);
      expect(client.state()).toMatchObject({ price: 9000 + edits, rev: last.rev });
    }

    const [onOwner] = all;
    const onRelay = all.at(-1);
    if (!onOwner || !onRelay) throw new Error('clients expected');
    for (const writer of [onOwner, onRelay]) {
      writer.sku.set('price', 1);
      await waitFor(() => writer.denials.length > 0, EDIT_DEADLINE_MS, 'permission-denied');
      expect(writer.denials).toEqual([PERMISSION_DENIED]);
    }
    expect(await getSku(dev.hub, sku.skuId)).toMatchObject({ price: 9000 + edits, rev: last.rev });
    const after = await patchSku(dev.hub, sku.skuId, { stock: 5 });
    await onRelay.applied(after.rev, EDIT_DEADLINE_MS);
    expect(onRelay.closes).toEqual([]);
  });
});
