import { describe, expect, it } from 'vitest';
import { generateShop } from '../../workers/emulator/seed/generateShop';
import { control, injectFault, sourceCalls } from '../support/emulator';
import { admin } from '../support/hub';
import { categoryPath, migratedProduct, platformNames, storedCatalogContent } from '../support/migratedProducts';
import { boundShop, migrate, setRules } from '../support/shopsync';

const CATEGORY_GET = '/product/category/get';

describe('Mini-Shop migration names its categories through the category API', () => {
  it('names them as the Mini-Shop does, asking once per parent per migration, and keeps an operator’s name', async () => {
    // 24 products (20 synced): two pages, so a migration spans several steps of the shop's job.
    const shop = await boundShop({ products: 24, orders: 2, seed: 31 });
    const synced = generateShop(shop).spus.filter((s) => s.status === 5 || s.status === 11);
    const [first, second] = [synced[0], synced.find((s) => s.cats[2]?.cat_id !== synced[0]?.cats[2]?.cat_id)];
    if (!first || !second) throw new Error('the seed gives no two products in different categories');
    const parents = new Set(synced.flatMap((s) => ['top', ...s.cats.slice(0, -1).map((c) => c.cat_id)]));

    // The category API refuses every parent: the products come in, their categories under a placeholder.
    await injectFault(shop.appid, { path: CATEGORY_GET, errcode: 9401020, count: 1_000 });
    const before = await storedCatalogContent();
    await migrate(shop.appid);
    const leafOf = async (sourceProductId: string) =>
      (await migratedProduct(shop.appid, sourceProductId)).categoryIds[0] ?? '';
    expect(await categoryPath(await leafOf(first.product_id))).toEqual(first.cats.map((c) => `Mini-Shop ${c.cat_id}`));
    const migrated = await storedCatalogContent();
    const levels = new Set(synced.flatMap((s) => s.cats.map((c) => c.cat_id)));
    expect(migrated.categories).toBe(before.categories + levels.size);

    // The operator names the second product's bottom category; then the API answers again.
    const named = await leafOf(second.product_id);
    expect((await admin('PATCH', `/api/admin/categories/${named}`, { name: '我的文具' })).status).toBe(200);
    expect((await control('DELETE', `/shops/${shop.appid}/faults`)).status).toBe(204);
    expect((await setRules(shop.appid, { filterMigrated: false })).status).toBe(200);
    const asked = (await sourceCalls(shop.appid))[CATEGORY_GET] ?? 0;
    await migrate(shop.appid);

    // Once per parent (the top level and every upper level), however many products share it.
    expect(((await sourceCalls(shop.appid))[CATEGORY_GET] ?? 0) - asked).toBe(parents.size);
    expect(parents.size).toBeLessThan(synced.length);
    expect(await categoryPath(await leafOf(first.product_id))).toEqual(platformNames(first.cats));
    expect(await categoryPath(named)).toEqual([...platformNames(second.cats).slice(0, -1), '我的文具']);
    expect(await leafOf(second.product_id)).toBe(named);
    expect((await storedCatalogContent()).categories).toBe(migrated.categories);
  }, 60_000);
});
