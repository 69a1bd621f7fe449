import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CART_MAP, FAVORITES_MAP, HISTORY_ARRAY } from '../../shared/docs/member';
import { enforceMemberRules, referencedSkus, type SkuStatus } from '../../workers/members/rules/cartRules';

const line = (qty: unknown, addedAt = 1) => ({ qty, addedAt, channel: 'mini', selected: true });

const cartAfterRules = (lines: Record<string, unknown>, skus: Record<string, SkuStatus>) => {
  const doc = new Y.Doc();
  for (const [skuId, entry] of Object.entries(lines)) doc.getMap(CART_MAP).set(skuId, entry);
  enforceMemberRules(doc, new Map(Object.entries(skus)));
  return doc.getMap<{ qty: number }>(CART_MAP).toJSON() as Record<string, { qty: number }>;
};

describe('cart rules', () => {
  it('rounds a fraction down, caps a quantity at 999 and removes one below 1 or not a number', () => {
    const skus = { a: 'listed', b: 'listed', c: 'listed', d: 'listed' } as const;
    const cart = cartAfterRules({ a: line(2.7), b: line(1500), c: line(0.5), d: line('two') }, skus);
    expect(Object.keys(cart).sort()).toEqual(['a', 'b']);
    expect(cart.a?.qty).toBe(2);
    expect(cart.b?.qty).toBe(999);
  });

  it('removes the line of a delisted or unknown SKU and leaves SKUs it knows nothing of alone', () => {
    const cart = cartAfterRules({ a: line(1), b: line(1), c: line(1) }, { a: 'delisted', b: 'unknown' });
    expect(Object.keys(cart)).toEqual(['c']);
  });

  it('keeps the 200 lines added first and drops the most recent beyond them', () => {
    const lines = Object.fromEntries(Array.from({ length: 202 }, (_, i) => [`s${i}`, line(1, i)]));
    const skus = Object.fromEntries(Object.keys(lines).map((id) => [id, 'listed' as const]));
    const cart = cartAfterRules(lines, skus);
    expect(Object.keys(cart)).toHaveLength(200);
    expect(cart.s200).toBeUndefined();
    expect(cart.s201).toBeUndefined();
  });

  it('drops a favorite of an unknown SKU and keeps the newest 200 history entries', () => {
    const doc = new Y.Doc();
    doc.getMap(FAVORITES_MAP).set('gone', { addedAt: 1, channel: 'h5' });
    doc.getMap(FAVORITES_MAP).set('kept', { addedAt: 1, channel: 'h5' });
    doc.getArray(HISTORY_ARRAY).push(Array.from({ length: 205 }, (_, i) => ({ skuId: 'kept', at: i, channel: 'h5' })));
    expect(referencedSkus(doc).sort()).toEqual(['gone', 'kept']);
    enforceMemberRules(
      doc,
      new Map([
        ['gone', 'unknown'],
        ['kept', 'delisted'],
      ]),
    );
    expect([...doc.getMap(FAVORITES_MAP).keys()]).toEqual(['kept']);
    expect(doc.getArray<{ at: number }>(HISTORY_ARRAY).get(0).at).toBe(5);
  });
});
