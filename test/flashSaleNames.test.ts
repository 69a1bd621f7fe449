import { env, runDurableObjectAlarm } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { CATALOG_MAP, type CatalogEntry, type FlashSale, SKU_MAP } from '../shared/docs/sku';
import { flashSaleClockOf } from '../workers/catalog/FlashSaleClock';
import { moveClock } from './support/clock';
import { createSale } from './support/flashSales';
import { admin, firstSku } from './support/hub';
import { skuState } from './support/orders';
import { RoomClient } from './support/roomClient';

const MINUTE = 60_000;

describe("a flash sale's name on storefronts", () => {
  it('shows the running sale by its name in the SKU room and the catalog, and a rename live', async () => {
    const sku = await firstSku();
    const page = await RoomClient.connect(`sku:${sku.skuId}`, 'mini');
    const listing = await RoomClient.connect('catalog', 'h5');
    const shownOnPage = () => (page.doc.getMap(SKU_MAP).get('flash') as FlashSale | null)?.name;
    const shownInListing = () => listing.doc.getMap<CatalogEntry>(CATALOG_MAP).get(sku.skuId)?.flash?.name;

    const sale = await createSale({
      name: '双十二',
      skuIds: [sku.skuId],
      price: 99,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + 10 * MINUTE,
      channels: 'all',
    });
    await page.until(() => shownOnPage() === '双十二', 'the sale named on the SKU page');
    await listing.until(() => shownInListing() === '双十二', 'the sale named in the listing');
    expect((await skuState(sku.skuId)).flash).toMatchObject({ saleId: sale.id, name: '双十二', price: 99 });

    const renamed = await admin('PATCH', `/api/admin/flash-sales/${sale.id}`, { name: ' 双十二 · 返场 ' });
    expect(renamed.status).toBe(200);
    await page.until(() => shownOnPage() === '双十二 · 返场', 'the new name on the SKU page');
    await listing.until(() => shownInListing() === '双十二 · 返场', 'the new name in the listing');
    expect((await skuState(sku.skuId)).flash).toMatchObject({ name: '双十二 · 返场', price: 99 });
    page.close();
    listing.close();
  });

  it('starts a sale renamed before its start under its new name', async () => {
    const sku = await firstSku();
    const startsAt = Date.now() + MINUTE;
    const sale = await createSale({
      skuIds: [sku.skuId],
      price: 99,
      startsAt,
      endsAt: startsAt + MINUTE,
      channels: 'all',
    });
    expect((await admin('PATCH', `/api/admin/flash-sales/${sale.id}`, { name: '黑五' })).status).toBe(200);
    expect((await skuState(sku.skuId)).flash).toBeNull();

    moveClock(MINUTE);
    expect(await runDurableObjectAlarm(flashSaleClockOf(env, sale.id))).toBe(true);
    expect((await skuState(sku.skuId)).flash).toMatchObject({ saleId: sale.id, name: '黑五' });
  });

  it('renames an ended sale in the back office only, leaving the SKU out of any sale', async () => {
    const sku = await firstSku();
    const sale = await createSale({
      skuIds: [sku.skuId],
      price: 99,
      startsAt: Date.now() - 1000,
      endsAt: Date.now() + MINUTE,
      channels: 'all',
    });
    moveClock(MINUTE);
    expect(await runDurableObjectAlarm(flashSaleClockOf(env, sale.id))).toBe(true);
    const renamed = await admin('PATCH', `/api/admin/flash-sales/${sale.id}`, { name: 'Over' });
    expect(await renamed.json()).toMatchObject({ name: 'Over', status: 'ended' });
    expect((await skuState(sku.skuId)).flash).toBeNull();
  });
});
