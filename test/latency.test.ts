import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/channels';
import { SKU_MAP } from '../shared/docs/sku';
import { admin, firstSku, patchSku } from './support/hub';
import { RoomClient } from './support/roomClient';

interface ChannelStats {
  connected: number;
  samples: number;
  lastMs: number | null;
  p50Ms: number | null;
}

const syncStats = async (skuId: string) =>
  ((await (await admin('GET', `/api/admin/skus/${skuId}/sync`)).json()) as { channels: Record<string, ChannelStats> })
    .channels;

describe('per-channel sync latency', () => {
  it('records, per channel, the time from broadcast to each client acknowledgement', async () => {
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const clients = await Promise.all(CHANNELS.map((c) => RoomClient.connect(room, c)));
    const edited = await patchSku(sku.skuId, { price: 6060 });
    // A second pc socket that never acknowledges: counted as connected, adds no sample.
    await RoomClient.connect(room, 'pc');
    await Promise.all(
      clients.map(async (client, i) => {
        await client.until(() => client.doc.getMap(SKU_MAP).get('rev') === edited.rev, 'edit applied');
        client.setAwareness({ channel: CHANNELS[i], seen: { room, rev: edited.rev } });
        await client.flush();
      }),
    );
    const stats = await syncStats(sku.skuId);
    for (const channel of CHANNELS) {
      expect(stats[channel]?.samples).toBe(1);
      expect(stats[channel]?.lastMs).toBeGreaterThanOrEqual(0);
      expect(stats[channel]?.lastMs).toBeLessThan(5000);
    }
    expect(stats.pc?.connected).toBe(2);
    expect(stats.h5?.connected).toBe(1);
  });

  it('counts one sample per socket and rev, and ignores acks for other rooms, unknown or older revs', async () => {
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const client = await RoomClient.connect(room, 'mini');
    const edited = await patchSku(sku.skuId, { stock: 1 });
    await client.until(() => client.doc.getMap(SKU_MAP).get('rev') === edited.rev, 'edit applied');
    const acks = [
      { seen: { room, rev: edited.rev } },
      { seen: { room, rev: edited.rev }, again: true },
      { seen: { room: 'sku:other', rev: edited.rev + 1 } },
      { seen: { room, rev: 999 } },
    ];
    // A latecomer's initial sync is not a broadcast: its ack of the current rev is no sample.
    const latecomer = await RoomClient.connect(room, 'h5');
    latecomer.setAwareness({ channel: 'h5', seen: { room, rev: edited.rev } });
    await latecomer.flush();
    for (const [i, ack] of acks.entries()) client.setAwareness({ channel: 'mini', n: i, ...ack });
    await client.flush();
    const stats = await syncStats(sku.skuId);
    expect(stats.mini?.samples).toBe(1);
    expect(stats.h5?.samples).toBe(0);
  });
});
