import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../shared/channels';
import { SKU_MAP } from '../shared/docs/sku';
import { emptyRoomChannels, MonitorFeed, type RoomReport } from '../workers/monitor/roomFeed';
import { accountClient } from './support/account';
import { firstSku, patchSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { channelOf, monitorClient, untilChannel, untilLogged } from './support/monitor';
import { RoomClient } from './support/roomClient';

/** A storefront that has applied `rev` and says so, as `reportSeenRevs` does. */
const acknowledge = async (client: RoomClient, room: string, channel: string, rev: number) => {
  await client.until(() => client.doc.getMap(SKU_MAP).get('rev') === rev, `rev ${rev} applied`);
  client.setAwareness({ channel, seen: { room, rev } });
};

describe('the monitor, fed by the rooms', () => {
  it('shows acknowledgements on a SKU room per channel, with connections, latency and synced', async () => {
    const monitor = await monitorClient();
    const before = Object.fromEntries(CHANNELS.map((c) => [c, channelOf(monitor, c)?.samples ?? 0]));
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const clients = await Promise.all(CHANNELS.map((c) => RoomClient.connect(room, c)));
    for (const channel of CHANNELS) await untilChannel(monitor, channel, (e) => e.connected >= 1, 'connected');

    const edited = await patchSku(sku.skuId, { price: 4321 });
    await Promise.all(clients.map((client, i) => acknowledge(client, room, CHANNELS[i] as string, edited.rev)));
    for (const channel of CHANNELS) {
      await untilChannel(
        monitor,
        channel,
        (e) => e.samples === (before[channel] ?? 0) + 1 && e.state === 'synced',
        'one more sample, synced',
      );
      const entry = channelOf(monitor, channel);
      expect(entry?.lastMs).toBeGreaterThanOrEqual(0);
      expect(entry?.lastMs).toBeLessThan(1000);
      expect(entry?.p50Ms).not.toBeNull();
      expect(entry?.p95Ms).not.toBeNull();
      expect(entry?.recent.at(-1)?.[1]).toBe(entry?.lastMs);
    }

    const connected = channelOf(monitor, 'h5')?.connected ?? 0;
    clients[1]?.close();
    await untilChannel(monitor, 'h5', (e) => e.connected === connected - 1, 'one h5 connection fewer');
    for (const client of clients) client.close();
    monitor.close();
  });

  it('shows a channel syncing, then lagging once a client has waited over 1 s, then synced again', async () => {
    const monitor = await monitorClient();
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const app = await RoomClient.connect(room, 'app');
    const first = await patchSku(sku.skuId, { stock: 7 });
    await acknowledge(app, room, 'app', first.rev);
    await untilChannel(monitor, 'app', (e) => e.state === 'synced' && e.samples > 0, 'synced after the first ack');

    // The app client applies the next change but does not acknowledge it: the monitor waits for it.
    const second = await patchSku(sku.skuId, { stock: 6 });
    await app.until(() => app.doc.getMap(SKU_MAP).get('rev') === second.rev, 'second change applied');
    await untilChannel(monitor, 'app', (e) => e.state !== 'synced' && e.waitingSince !== null, 'waiting');
    await untilChannel(monitor, 'app', (e) => e.state === 'lagging', 'lagging after 1 s', 5000);
    expect(channelOf(monitor, 'app')?.waitingSince).toBeLessThanOrEqual(Date.now() - 1000);

    app.setAwareness({ channel: 'app', seen: { room, rev: second.rev } });
    await untilChannel(monitor, 'app', (e) => e.state === 'synced' && (e.lastMs ?? 0) > 1000, 'synced, late ack');
    // The sync log has both: the channel starting to lag, and the late acknowledgement.
    await untilLogged((e) => e.kind === 'channel.lagging' && e.subject === 'channel:app', 'app lagging');
    const late = await untilLogged((e) => e.kind === 'ack.late' && e.subject === room, 'the late ack');
    expect(late.detail).toMatchObject({ channel: 'app', rev: second.rev });
    expect(late.detail.ms).toBeGreaterThan(1000);
    app.close();
    monitor.close();
  });

  it('counts the sockets of member and account rooms on their channel', async () => {
    const monitor = await monitorClient();
    await untilChannel(monitor, 'mini', () => true, 'an entry');
    const before = channelOf(monitor, 'mini')?.connected ?? 0;
    const session = await phoneLogin(freshPhone(), 'mini');
    const account = await accountClient(session, 'mini');
    const member = await RoomClient.connect(`member:${session.memberId}`, 'mini', session.token);
    await untilChannel(monitor, 'mini', (e) => e.connected === before + 2, 'two more mini connections');
    account.close();
    member.close();
    await untilChannel(monitor, 'mini', (e) => e.connected === before, 'back to what it was');
    monitor.close();
  });

  it('sends a busy room’s acknowledgements together: one report for a burst, not one call per ack', async () => {
    const calls: RoomReport[][] = [];
    let delivered: () => void = () => {};
    const feed = new MonitorFeed(emptyRoomChannels, async (reports) => {
      calls.push(reports);
      delivered();
    });
    const next = () => new Promise<void>((resolve) => (delivered = resolve));
    let first = next();
    for (let rev = 1; rev <= 200; rev += 1) feed.sample('sku:busy', { channel: 'mini', rev, ms: 20, at: rev });
    feed.broadcast('sku:busy', 201);
    await first;
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toMatchObject({ room: 'sku:busy', broadcasts: [201] });
    expect(calls[0]?.[0]?.samples).toHaveLength(200);

    // Right after a report, the next changes wait for the end of the window and go out as one.
    first = next();
    const sentAt = Date.now();
    feed.sample('sku:busy', { channel: 'app', rev: 202, ms: 30, at: sentAt });
    feed.touch('sku:other');
    await first;
    expect(calls).toHaveLength(2);
    expect(calls[1]?.map((r) => r.room).sort()).toEqual(['sku:busy', 'sku:other']);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(400);
  });
});
