import { env, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../shared/channels';
import { LAGGING_AFTER_MS } from '../shared/docs/monitor';
import { SKU_MAP } from '../shared/docs/sku';
import { FEED_QUIET_MS } from '../workers/monitor/feedChecks';
import { emptyRoomChannels, MonitorFeed, monitorRoomOf, type RoomReport } from '../workers/monitor/roomFeed';
import { clock } from '../workers/platform/clock';
import { accountClient } from './support/account';
import { moveClock } from './support/clock';
import { holdClock } from './support/heldClock';
import { createProduct, firstSku, patchSku } from './support/hub';
import { freshPhone, phoneLogin } from './support/members';
import { channelOf, monitorClient, untilChannel, untilLogged } from './support/monitor';
import { RoomClient } from './support/roomClient';

/** How far the hub's clock moves between one channel's acknowledgement and the next. */
const ACK_STEP_MS = 100;

/** When an acknowledgement was sent, and when the room had handled it, on the hub's clock. */
interface Acked {
  sentAt: number;
  handledAt: number;
}

/** A storefront that has applied `rev` and says so, as `reportSeenRevs` does; resolves once the room has handled it. */
const acknowledge = async (client: RoomClient, room: string, channel: Channel, rev: number): Promise<Acked> => {
  await client.until(() => client.doc.getMap(SKU_MAP).get('rev') === rev, `rev ${rev} applied`);
  const sentAt = clock.now();
  client.setAwareness({ channel, seen: { room, rev } });
  await client.flush();
  return { sentAt, handledAt: clock.now() };
};

describe('the monitor, fed by the rooms', () => {
  it('shows acknowledgements on a SKU room per channel, with connections, latency and synced', async () => {
    const monitor = await monitorClient();
    const before = Object.fromEntries(CHANNELS.map((c) => [c, channelOf(monitor, c)?.samples ?? 0]));
    const sku = await firstSku();
    const room = `sku:${sku.skuId}`;
    const clients = await Promise.all(
      CHANNELS.map(async (channel) => ({ channel, client: await RoomClient.connect(room, channel) })),
    );
    for (const channel of CHANNELS) await untilChannel(monitor, channel, (e) => e.connected >= 1, 'connected');

    const edited = await patchSku(sku.skuId, { price: 4321 });
    // The channels acknowledge one after another, the hub's clock ACK_STEP_MS further on each
    // time: each channel's latency lies in its own window, apart from every other channel's.
    const acked = new Map<Channel, Acked>();
    for (const { channel, client } of clients) {
      moveClock(ACK_STEP_MS);
      acked.set(channel, await acknowledge(client, room, channel, edited.rev));
    }
    for (const [i, channel] of CHANNELS.entries()) {
      await untilChannel(
        monitor,
        channel,
        (e) => e.samples === (before[channel] ?? 0) + 1 && e.state === 'synced',
        'one more sample, synced',
      );
      const entry = channelOf(monitor, channel);
      const { sentAt, handledAt } = acked.get(channel) ?? { sentAt: Number.NaN, handledAt: Number.NaN };
      // From the broadcast (the edit's changedAt) to the moment the room handled this channel's ack.
      expect(sentAt - edited.changedAt).toBeGreaterThanOrEqual((i + 1) * ACK_STEP_MS);
      expect(entry?.lastMs).toBeGreaterThanOrEqual(sentAt - edited.changedAt);
      expect(entry?.lastMs).toBeLessThanOrEqual(handledAt - edited.changedAt);
      expect(entry?.lastMs).toBeLessThan(LAGGING_AFTER_MS);
      expect(entry?.p50Ms).not.toBeNull();
      expect(entry?.p95Ms).not.toBeNull();
      // The chart's newest point is this acknowledgement: when the room took it, and its latency.
      const [at, ms] = entry?.recent.at(-1) ?? [];
      expect(at).toBeGreaterThanOrEqual(sentAt);
      expect(at).toBeLessThanOrEqual(handledAt);
      expect(ms).toBe(entry?.lastMs);
    }

    // A client that leaves is one connection fewer on its channel, on the monitor.
    const connected = Object.fromEntries(CHANNELS.map((c) => [c, channelOf(monitor, c)?.connected ?? 0]));
    for (const { client } of clients) client.close();
    for (const channel of CHANNELS) {
      const fewer = (connected[channel] ?? 0) - 1;
      await untilChannel(monitor, channel, (e) => e.connected === fewer, 'one connection fewer');
    }
    monitor.close();
  });

  it('shows a channel syncing, then lagging once a client has waited over 1 s, then synced again', async () => {
    // Held, so the wait passes 1 s when the test says so, not when a loaded machine is slow to report.
    const held = holdClock();
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
    await untilChannel(
      monitor,
      'app',
      (e) => e.state === 'syncing' && e.waitingSince === second.changedAt,
      'waiting since the second change',
    );
    // The monitor's alarm is set for the moment the wait passes 1 s; time moves past it, the alarm rings.
    const stub = monitorRoomOf(env);
    const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm).toBeLessThanOrEqual(second.changedAt + LAGGING_AFTER_MS + 1);
    held.move(LAGGING_AFTER_MS + 1);
    await runDurableObjectAlarm(stub);
    await untilChannel(monitor, 'app', (e) => e.state === 'lagging', 'lagging after 1 s');
    expect(channelOf(monitor, 'app')?.waitingSince).toBe(second.changedAt);
    expect(clock.now() - second.changedAt).toBeGreaterThan(LAGGING_AFTER_MS);

    const late = await acknowledge(app, room, 'app', second.rev);
    await untilChannel(monitor, 'app', (e) => e.state === 'synced' && e.waitingSince === null, 'synced again');
    const lastMs = channelOf(monitor, 'app')?.lastMs;
    expect(lastMs).toBeGreaterThan(LAGGING_AFTER_MS);
    expect(lastMs).toBeGreaterThanOrEqual(late.sentAt - second.changedAt);
    expect(lastMs).toBeLessThanOrEqual(late.handledAt - second.changedAt);
    // The sync log has both: the channel starting to lag, and the late acknowledgement.
    await runDurableObjectAlarm(stub);
    await untilLogged((e) => e.kind === 'channel.lagging' && e.subject === 'channel:app', 'app lagging');
    const logged = await untilLogged((e) => e.kind === 'ack.late' && e.subject === room, 'the late ack');
    expect(logged.detail).toEqual({ channel: 'app', rev: second.rev, ms: lastMs });
    const connected = channelOf(monitor, 'app')?.connected ?? 0;
    app.close();
    await untilChannel(monitor, 'app', (e) => e.connected === connected - 1, 'one app connection fewer');
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

  it('drops the count of a room that stopped reporting once its feed goes quiet, and keeps a live room’s', async () => {
    const monitor = await monitorClient();
    await untilChannel(monitor, 'app', () => true, 'an entry');
    const before = channelOf(monitor, 'app')?.connected ?? 0;
    const sku = await firstSku();
    const live = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    await untilChannel(monitor, 'app', (e) => e.connected === before + 1, 'the live socket counted');
    // What a SKU room reported before it crashed: 750 app sockets that no longer exist.
    const { skus } = await createProduct();
    const dead = `sku:${skus[0]?.skuId}`;
    const channels = emptyRoomChannels();
    channels.app.connected = 750;
    await monitorRoomOf(env).report([{ room: dead, at: clock.now(), channels, samples: [], broadcasts: [] }]);
    await untilChannel(monitor, 'app', (e) => e.connected === before + 751, 'the phantom counted');

    moveClock(FEED_QUIET_MS + 1);
    expect(await runDurableObjectAlarm(monitorRoomOf(env))).toBe(true);
    await untilChannel(monitor, 'app', (e) => e.connected === before + 1, 'the phantom gone, the live socket kept');
    moveClock(FEED_QUIET_MS + 1);
    expect(await runDurableObjectAlarm(monitorRoomOf(env))).toBe(true);
    expect(channelOf(monitor, 'app')?.connected).toBe(before + 1);
    live.close();
    await untilChannel(monitor, 'app', (e) => e.connected === before, 'the live socket closed');
    monitor.close();
  });
});
