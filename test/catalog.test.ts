import { describe, expect, it } from 'vitest';
import { CATALOG_MAP, type CatalogEntry } from '../shared/docs/sku';
import { admin, createProduct } from './support/hub';
import { RoomClient } from './support/roomClient';

describe('catalog feed', () => {
  it('delivers a burst of edits to many SKUs completely, merged into far fewer frames', async () => {
    const { skus } = await createProduct(60, 'Burst');
    const listing = await RoomClient.connect('catalog', 'h5');
    const edits = skus.map((s, i) => ({ skuId: s.skuId, price: 7000 + i }));

    const response = await admin('POST', '/api/admin/skus/batch', { edits });
    expect(response.status).toBe(200);

    const entries = () => listing.doc.getMap<CatalogEntry>(CATALOG_MAP);
    await listing.until(() => edits.every((e) => entries().get(e.skuId)?.price === e.price), 'all 60 prices');
    for (const s of skus) expect(entries().get(s.skuId)?.rev).toBe(2);
    expect(listing.updateFrames).toBeLessThan(edits.length / 3);
  });
});
