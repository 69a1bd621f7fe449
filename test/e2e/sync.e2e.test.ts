import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/channels';
import { createSku, getSku, getSkuSync, patchSku, type SkuSync } from './support/hubApi';
import { Storefront } from './support/storefront';
import { idleFor, waitFor } from './support/wait';
import { useWranglerDev } from './support/wranglerDev';

/** The product promises "well under a second"; an edit must at least arrive within this. */
const EDIT_DEADLINE_MS = 5000;

const dev = useWranglerDev<Storefront>();

/** Opens a stock y-websocket client on `sku:<skuId>`; afterEach destroys it. */
const storefront = (skuId: string, channel: Channel): Storefront => dev.track(new Storefront(dev.hub, skuId, channel));

/** Adds what wrangler dev printed to the error of a wait that failed. */
const withHubLogs = async <T>(waiting: Promise<T>): Promise<T> => {
  try {
    return await waiting;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const reloads =
      dev.hub.reloads() > 0 ? ` (wrangler dev hot-reloaded ${dev.hub.reloads()} time(s): a source file changed)` : '';
    throw new Error(`${reason}${reloads}\n--- wrangler dev output ---\n${dev.hub.logs()}`);
  }
};

/** Waits for every client to apply `rev`, within `EDIT_DEADLINE_MS` of `sentAt`; returns each one's latency. */
const deliveries = async (all: Storefront[], rev: number, sentAt: number) => {
  const remaining = () => Math.max(0, sentAt + EDIT_DEADLINE_MS - performance.now());
  await withHubLogs(Promise.all(all.map((c) => c.applied(rev, remaining()))));
  return all.map((c) => ({ channel: c.channel, ms: (c.revAppliedAt.get(rev) ?? Number.NaN) - sentAt }));
};

const table = (title: string, header: string[], rows: Array<Array<string | number | null>>) => {
  const cells = [header, ...rows.map((r) => r.map((v) => (v === null ? '-' : String(v))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  console.log([title, ...cells.map(line)].join('\n'));
};

describe('stock y-websocket clients against wrangler dev', () => {
  it('an admin edit reaches all four channels', async () => {
    // A product of its own: what this test sees (rev, price, who is connected, how many acks)
    // is what it did, whichever test ran before it.
    const sku = await createSku(dev.hub, 'Four-channel tee', 9900);
    const all = CHANNELS.map((channel) => storefront(sku.skuId, channel));
    await Promise.all(all.map((c) => c.synced()));
    for (const c of all) expect(c.state()).toMatchObject({ skuId: sku.skuId, price: 9900, rev: sku.rev });

    const sentAt = performance.now();
    const edited = await patchSku(dev.hub, sku.skuId, { price: 8800 });
    expect(edited).toMatchObject({ skuId: sku.skuId, price: 8800, rev: sku.rev + 1 });
    const latencies = await deliveries(all, edited.rev, sentAt);
    for (const c of all) expect(c.state()).toMatchObject({ price: 8800, rev: edited.rev });
    for (const { ms } of latencies) expect(ms).toBeLessThan(EDIT_DEADLINE_MS);
    table(
      `PATCH price -> each channel's map observer (client clock, rev ${edited.rev}):`,
      ['channel', 'ms'],
      latencies.map(({ channel, ms }) => [channel, ms.toFixed(1)]),
    );

    // Each client acknowledged the rev through awareness; the room measures it on its own clock.
    let sync: SkuSync | undefined;
    await waitFor(
      async () => {
        sync = await getSkuSync(dev.hub, sku.skuId);
        return CHANNELS.every((ch) => sync?.channels[ch].samples === 1);
      },
      EDIT_DEADLINE_MS,
      'one acknowledgement sample on every channel',
      50,
    );
    // The room's measure (broadcast to ack) lies inside what this side saw: from sending the
    // PATCH to reading the sample (ms on the server's clock, rounded: 1 ms of slack).
    const measuredWithin = performance.now() - sentAt + 1;
    const channels = sync?.channels;
    if (!channels) throw new Error('no sync stats');
    for (const ch of CHANNELS) {
      expect(channels[ch].connected).toBe(1);
      expect(channels[ch].lastMs).not.toBeNull();
      expect(channels[ch].lastMs).toBeLessThanOrEqual(measuredWithin);
    }
    table(
      `GET /api/admin/skus/${sku.skuId}/sync (server clock, broadcast -> awareness ack):`,
      ['channel', 'connected', 'samples', 'lastMs', 'p50Ms', 'p95Ms'],
      CHANNELS.map((ch) => {
        const s = channels[ch];
        return [ch, s.connected, s.samples, s.lastMs, s.p50Ms, s.p95Ms];
      }),
    );
    for (const c of all) expect(c.denials).toEqual([]);
  });

  it('a client idle for 40 s stays connected and gets the next edit', async () => {
    // A product of its own, so this client is alone in its room: nobody else's awareness or
    // edits reach it, only what the hub sends it.
    const sku = await createSku(dev.hub, 'Idle test tee', 5900);
    const client = storefront(sku.skuId, 'mini');
    await client.synced();
    expect(client.state()).toMatchObject({ price: 5900, rev: sku.rev });
    const reloadsBefore = dev.hub.reloads();

    // The stock y-websocket v3 client drops a socket that receives nothing for 30 s; the hub
    // must keep it alive (it echoes the client's 15 s awareness renewal). Staying silent for
    // 40 s, a whole such window and two renewals, is the test; there is no event to wait for instead.
    await idleFor(40_000);

    expect(
      dev.hub.reloads() - reloadsBefore,
      'wrangler dev hot-reloaded during the idle period (a watched source file changed), which drops every socket',
    ).toBe(0);
    expect(client.statuses).toEqual(['connecting', 'connected']);
    expect(client.closes).toEqual([]);
    expect(client.syncs).toEqual([true]);
    expect(client.provider.wsconnected).toBe(true);

    const sentAt = performance.now();
    const edited = await patchSku(dev.hub, sku.skuId, { price: 5500 });
    expect(edited.rev).toBe(sku.rev + 1);
    const [latency] = await deliveries([client], edited.rev, sentAt);
    expect(client.state()).toMatchObject({ price: 5500, rev: edited.rev });
    expect(client.closes).toEqual([]);
    expect(client.denials).toEqual([]);
    console.log(`after 40 s idle: edit reached the mini client in ${latency?.ms.toFixed(1)} ms, no reconnect`);
  });

  it('wrangler dev restarted with the same --persist-to keeps the state and clients reconnect', async () => {
    const sku = await createSku(dev.hub, 'Restart test tee', 12900);
    const all = [storefront(sku.skuId, 'h5'), storefront(sku.skuId, 'app')];
    await Promise.all(all.map((c) => c.synced()));
    const edited = await patchSku(dev.hub, sku.skuId, { price: 11900 });
    await deliveries(all, edited.rev, performance.now());
    const known = { price: 11900, rev: edited.rev };
    for (const c of all) expect(c.state()).toMatchObject(known);

    const statusesBefore = all.map((c) => c.statuses.length);
    const syncsBefore = all.map((c) => c.syncs.length);
    const stoppedAt = performance.now();
    await dev.hub.stop();
    await Promise.all(
      all.map((c, i) =>
        waitFor(
          () => c.statuses.slice(statusesBefore[i]).includes('disconnected'),
          10_000,
          `${c.channel} client to report 'disconnected'`,
        ),
      ),
    );
    for (const c of all) expect(c.provider.wsconnected).toBe(false);

    await dev.hub.start();
    const restartedAt = performance.now();
    await withHubLogs(
      Promise.all(
        all.map((c, i) =>
          waitFor(
            () => c.syncs.slice(syncsBefore[i]).includes(true),
            30_000,
            `${c.channel} client to emit 'sync' true after the restart`,
          ),
        ),
      ),
    );
    const resyncedAt = performance.now();
    for (const c of all) {
      expect(c.provider.wsconnected).toBe(true);
      expect(c.state()).toMatchObject(known);
    }
    expect(await getSku(dev.hub, sku.skuId)).toMatchObject(known);

    const sentAt = performance.now();
    const next = await patchSku(dev.hub, sku.skuId, { price: 10900 });
    expect(next.rev).toBe(known.rev + 1);
    const latencies = await deliveries(all, next.rev, sentAt);
    for (const c of all) {
      expect(c.state()).toMatchObject({ price: 10900, rev: next.rev });
      expect(c.denials).toEqual([]);
    }
    table(
      `restart: down ${(restartedAt - stoppedAt).toFixed(0)} ms, clients resynced ${(resyncedAt - restartedAt).toFixed(0)} ms after /health; next edit:`,
      ['channel', 'ms'],
      latencies.map(({ channel, ms }) => [channel, ms.toFixed(1)]),
    );
  });
});
