import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CART_MAP, FAVORITES_MAP } from '../../shared/docs/member';
import { enforceListings, referencedSkus, type SkuStatus } from '../../workers/members/rules/cartRules';

const line = (qty: number) => ({ qty, addedAt: 1, channel: 'mini', selected: true });

describe('listing rules', () => {
  it('removes the cart line of a delisted or unknown SKU and leaves SKUs it knows nothing of alone', () => {
    const doc = new Y.Doc();
    for (const skuId of ['a', 'b', 'c', 'd']) doc.getMap(CART_MAP).set(skuId, line(1));
    enforceListings(
      doc,
      new Map<string, SkuStatus>([
        ['a', 'delisted'],
        ['b', 'unknown'],
        ['d', 'listed'],
      ]),
    );
    expect([...doc.getMap(CART_MAP).keys()].sort()).toEqual(['c', 'd']);
  });

  it('drops a favorite of an unknown SKU and keeps one of a delisted SKU', () => {
    const doc = new Y.Doc();
    doc.getMap(FAVORITES_MAP).set('gone', { addedAt: 1, channel: 'h5' });
    doc.getMap(FAVORITES_MAP).set('kept', { addedAt: 1, channel: 'h5' });
    expect(referencedSkus(doc).sort()).toEqual(['gone', 'kept']);
    enforceListings(
      doc,
      new Map<string, SkuStatus>([
        ['gone', 'unknown'],
        ['kept', 'delisted'],
      ]),
    );
    expect([...doc.getMap(FAVORITES_MAP).keys()]).toEqual(['kept']);
  });
});
