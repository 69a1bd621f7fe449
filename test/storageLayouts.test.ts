import { env, evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { skus, syncEvents } from '../schema';
import { type FlashSale, SKU_MAP } from '../shared/docs/sku';
import { skuRoom } from '../shared/rooms';
import { catalogRoomOf } from '../workers/catalog/CatalogRoom';
import { flashSaleClockOf } from '../workers/catalog/FlashSaleClock';
import { skuRoomOf } from '../workers/catalog/SkuRoom';
import { shopSyncOf } from '../workers/minishop/ShopSync';
import { newJob } from '../workers/minishop/sync/syncJob';
import { monitorRoomOf } from '../workers/monitor/roomFeed';
import { clock } from '../workers/platform/clock';
import type { RoomDoc } from '../workers/platform/room/roomDoc';
import { database } from '../workers/records/db';
import { moveClock } from './support/clock';
import { refuseSkuWriteThrough } from './support/d1Faults';
import { createSale } from './support/flashSales';
import { admin, firstSku } from './support/hub';
import { skuState } from './support/orders';
import { RoomClient } from './support/roomClient';
import { rpcFailure } from './support/rpcFailure';
import { boundShop, shopView, untilIdle } from './support/shopsync';

/**
 * Objects the previous code created hold their state in its layout: each test writes that layout
 * into an object, forgets the object's schema version, and restarts it. Every test runs the hub a
 * minute ahead, so what a migration plans for "now" rings only when the test rings it.
 */
const forgetSchema = (storage: DurableObjectStorage, part: string) =>
  storage.sql.exec('DELETE FROM schema_versions WHERE part = ?', part);

/** A sale as the previous code stored it, before sales carried their name. */
const withoutName = ({ name: _name, ...flash }: FlashSale): Omit<FlashSale, 'name'> => flash;

describe('objects created by the previous code', () => {
  it('moves a SKU room’s mirror_outbox lines into its outbox, still on their way to D1', async () => {
    moveClock(60_000);
    const sku = await firstSku();
    const stub = skuRoomOf(env, sku.skuId);
    const restoreD1 = await refuseSkuWriteThrough(sku.skuId);
    expect(String(await rpcFailure(stub.edit({ price: 5151 })))).toContain('D1 unavailable');
    await restoreD1();
    const madeAt = (await stub.current())?.changedAt;
    await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      sql.exec('CREATE TABLE mirror_outbox (rev INTEGER PRIMARY KEY, sku_id TEXT NOT NULL, event TEXT NOT NULL)');
      for (const { item } of sql.exec<{ item: string }>('SELECT item FROM outbox').toArray()) {
        sql.exec(
          'INSERT INTO mirror_outbox VALUES (?, ?, ?)',
          (JSON.parse(item) as { rev: number }).rev,
          sku.skuId,
          item,
        );
      }
      sql.exec('DELETE FROM outbox');
      sql.exec('DELETE FROM alarm_tasks');
      forgetSchema(state.storage, 'sku_room');
    });
    await evictDurableObject(stub);

    expect(await stub.audit()).toMatchObject({ price: 5151, pendingSince: madeAt });
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const row = await database(env.DB).query.skus.findFirst({ where: eq(skus.id, sku.skuId) });
    expect(row).toMatchObject({ price: 5151, rev: 2 });
    expect(await stub.audit()).toMatchObject({ pendingSince: null });
    const tables = await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'mirror_outbox'").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it('moves the monitor’s log_outbox lines into its outbox and writes them to the sync log', async () => {
    moveClock(60_000);
    const stub = monitorRoomOf(env);
    const subject = `test:${crypto.randomUUID()}`;
    await runInDurableObject(stub, (_, state) => {
      const sql = state.storage.sql;
      sql.exec('CREATE TABLE log_outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT NULL)');
      const event = { at: clock.now() - 500, kind: 'test.carried', subject, source: 'system', detail: {} };
      sql.exec('INSERT INTO log_outbox (event) VALUES (?)', JSON.stringify(event));
      forgetSchema(state.storage, 'monitor_room');
    });
    await evictDurableObject(stub);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    const logged = await database(env.DB).query.syncEvents.findMany({
      where: and(eq(syncEvents.subject, subject), eq(syncEvents.kind, 'test.carried')),
    });
    expect(logged).toHaveLength(1);
  });

  it('moves a flash sale clock’s sale from the key-value API into its table and goes on with its steps', async () => {
    moveClock(60_000);
    const sku = await firstSku();
    const saleId = `fs_test_${crypto.randomUUID().slice(0, 8)}`;
    const stub = flashSaleClockOf(env, saleId);
    // The previous code's sales had no name.
    const flash: Omit<FlashSale, 'name'> = {
      saleId,
      price: 1,
      startsAt: clock.now() - 1000,
      endsAt: clock.now() + 60_000,
      channels: ['pc'],
      perMemberLimit: null,
    };
    await runInDurableObject(stub, (_, state) => {
      state.storage.kv.put('sale', { flash, skuIds: [sku.skuId] });
      state.storage.sql.exec('DROP TABLE scheduled_sale');
      forgetSchema(state.storage, 'flash_sale_clock');
    });
    await evictDurableObject(stub);

    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await skuRoomOf(env, sku.skuId).current())?.flash).toMatchObject({ saleId, name: '', price: 1 });
    expect(await runInDurableObject(stub, (_, state) => state.storage.kv.get('sale'))).toBeUndefined();
    await stub.cancel();
    expect((await skuRoomOf(env, sku.skuId).current())?.flash).toBeNull();
  });

  it('reads a SKU room’s running sale stored without a name as the empty name, and a rename names it live', async () => {
    moveClock(60_000);
    const sku = await firstSku();
    const sale = await createSale({
      skuIds: [sku.skuId],
      price: 77,
      startsAt: clock.now() - 1000,
      endsAt: clock.now() + 600_000,
      channels: 'all',
    });
    const stub = skuRoomOf(env, sku.skuId);
    const saleClock = flashSaleClockOf(env, sale.id);
    await runInDurableObject(stub, (room) => {
      const doc = (room as unknown as { room(name: string): RoomDoc }).room(skuRoom(sku.skuId)).doc;
      doc.getMap(SKU_MAP).set('flash', withoutName(doc.getMap(SKU_MAP).get('flash') as FlashSale));
    });
    await runInDurableObject(saleClock, (_, state) => {
      const [row] = state.storage.sql.exec<{ flash: string }>('SELECT flash FROM scheduled_sale').toArray();
      const stored = withoutName(JSON.parse(row?.flash ?? '{}') as FlashSale);
      state.storage.sql.exec('UPDATE scheduled_sale SET flash = ?', JSON.stringify(stored));
    });
    await Promise.all([evictDurableObject(stub), evictDurableObject(saleClock)]);

    expect((await skuState(sku.skuId)).flash).toMatchObject({ saleId: sale.id, name: '', price: 77 });
    const page = await RoomClient.connect(`sku:${sku.skuId}`, 'app');
    const shown = () => (page.doc.getMap(SKU_MAP).get('flash') as FlashSale | null)?.name;
    expect(shown()).toBeUndefined();
    expect((await admin('PATCH', `/api/admin/flash-sales/${sale.id}`, { name: '年货节' })).status).toBe(200);
    await page.until(() => shown() === '年货节', 'the sale named on the SKU page');
    expect((await catalogRoomOf(env).entries())[sku.skuId]?.flash).toMatchObject({ saleId: sale.id, name: '年货节' });
    page.close();
  });

  it('moves a shop sync’s secret, queue and last run from the key-value API into its tables', async () => {
    moveClock(60_000);
    const shop = await boundShop({ products: 3, orders: 5, seed: 5 });
    const stub = shopSyncOf(env, shop.appid);
    await runInDurableObject(stub, (_, state) => {
      const { kv, sql } = state.storage;
      kv.put('credentials', { appid: shop.appid, secret: shop.secret });
      kv.put('queue', [newJob('migration', 'run_carried', clock.now(), 0)]);
      kv.put('lastRun', { kind: 'orders', runId: 'run_before', outcome: 'completed', finishedAt: 1, errors: [] });
      for (const table of ['credentials', 'access_token', 'run_queue', 'last_run']) sql.exec(`DROP TABLE ${table}`);
      sql.exec('DELETE FROM alarm_tasks');
      forgetSchema(state.storage, 'shop_sync');
    });
    await evictDurableObject(stub);

    expect((await shopView(shop.appid)).progress).toMatchObject({
      running: { kind: 'migration', runId: 'run_carried' },
      lastRun: { runId: 'run_before', outcome: 'completed' },
    });
    const done = await untilIdle(shop.appid);
    expect(done.progress.lastRun).toMatchObject({ kind: 'migration', runId: 'run_carried', outcome: 'completed' });
    expect(await runInDurableObject(stub, (_, state) => [...state.storage.kv.list()])).toEqual([]);
  });
});
