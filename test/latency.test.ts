import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/channels';
import { SKU_MAP } from '../shared/docs/sku';
import { clock } from '../workers/platform/clock';
import { moveClock } from './support/clock';
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

/** How far the hub's clock moves between one channel's acknowledgement and the next. */
const ACK_STEP_MS = 100;

describe('per-channel sync latency', () => {
  it('records, per channel, the time from broadcast to each client acknowledgement', async () => {
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const clients = await Promise.all(CHANNELS.map((c) => RoomClient.connect(room, c)));
    const edited = await patchSku(sku.skuId, { price: 6060 });
    // A second pc socket that never acknowledges: counted as connected, adds no sample.
    await RoomClient.connect(room, 'pc');
    // The channels acknowledge in turn, the hub's clock ACK_STEP_MS further on each time, so
    // each one's latency falls in a window of its own: from the broadcast (the edit's
    // changedAt) to when it sent its ack, up to when the room had handled it.
    const windows: Array<{ from: number; to: number }> = [];
    for (const [i, client] of clients.entries()) {
      await client.until(() => client.doc.getMap(SKU_MAP).get('rev') === edited.rev, 'edit applied');
      moveClock(ACK_STEP_MS);
      const sentAt = clock.now();
      client.setAwareness({ channel: CHANNELS[i], seen: { room, rev: edited.rev } });
      await client.flush();
      windows.push({ from: sentAt - edited.changedAt, to: clock.now() - edited.changedAt });
    }
    const stats = await syncStats(sku.skuId);
    for (const [i, channel] of CHANNELS.entries()) {
      const window = windows[i] ?? { from: Number.NaN, to: Number.NaN };
      expect(window.from).toBeGreaterThanOrEqual((i + 1) * ACK_STEP_MS);
      expect(stats[channel]?.samples).toBe(1);
      expect(stats[channel]?.lastMs).toBeGreaterThanOrEqual(window.from);
      expect(stats[channel]?.lastMs).toBeLessThanOrEqual(window.to);
      expect(stats[channel]?.p50Ms).toBe(stats[channel]?.lastMs);
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
