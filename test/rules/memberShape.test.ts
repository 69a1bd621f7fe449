import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CART_MAP, FAVORITES_MAP, HISTORY_ARRAY } from '../../shared/docs/member';
import { shapeMemberDoc } from '../../shared/docs/memberShape';

const line = (qty: unknown, addedAt = 1) => ({ qty, addedAt, channel: 'mini', selected: true });

/** What a client wrote (`write`), as the room's copy holds it after the shape rules. */
const shaped = (write: (doc: Y.Doc) => void) => {
  const client = new Y.Doc();
  write(client);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(client));
  const correction = shapeMemberDoc(doc);
  return { doc, correction, cart: doc.getMap(CART_MAP).toJSON() as Record<string, { qty: number }> };
};

describe('member document shape', () => {
  it('leaves a document within the rules as it is', () => {
    const { correction, doc } = shaped((d) => {
      d.getMap(CART_MAP).set('a', line(2));
      d.getMap(FAVORITES_MAP).set('a', { addedAt: 1, channel: 'h5' });
      d.getArray(HISTORY_ARRAY).push([{ skuId: 'a', at: 1, channel: 'pc' }]);
    });
    expect(correction).toEqual({ corrected: false, refused: false });
    expect(doc.getArray(HISTORY_ARRAY).length).toBe(1);
  });

  it('rounds a fraction down, caps a quantity at 999 and removes one below 1 or not a number', () => {
    const { cart, correction } = shaped((d) => {
      const c = d.getMap(CART_MAP);
      c.set('a', line(2.7));
      c.set('b', line(1500));
      c.set('c', line(0.5));
      c.set('d', line('two'));
    });
    expect(Object.keys(cart).sort()).toEqual(['a', 'b']);
    expect(cart.a?.qty).toBe(2);
    expect(cart.b?.qty).toBe(999);
    expect(correction).toEqual({ corrected: true, refused: false });
  });

  it('keeps the 200 lines added first and drops the most recent beyond them', () => {
    const { cart } = shaped((d) => {
      for (let i = 0; i < 202; i++) d.getMap(CART_MAP).set(`s${i}`, line(1, i));
    });
    expect(Object.keys(cart)).toHaveLength(200);
    expect(cart.s200).toBeUndefined();
    expect(cart.s201).toBeUndefined();
  });

  it('counts only the lines it keeps towards the 200', () => {
    const { cart } = shaped((d) => {
      d.getMap(CART_MAP).set('gone', line(0, 0));
      for (let i = 1; i <= 200; i++) d.getMap(CART_MAP).set(`s${i}`, line(1, i));
    });
    expect(Object.keys(cart)).toHaveLength(200);
    expect(cart.s200?.qty).toBe(1);
  });

  it('keeps the 200 favorites added first and the newest 200 history entries', () => {
    const { doc } = shaped((d) => {
      for (let i = 0; i < 205; i++) d.getMap(FAVORITES_MAP).set(`s${i}`, { addedAt: i, channel: 'h5' });
      d.getArray(HISTORY_ARRAY).push(Array.from({ length: 205 }, (_, i) => ({ skuId: 'kept', at: i, channel: 'h5' })));
    });
    expect(doc.getMap(FAVORITES_MAP).size).toBe(200);
    expect(doc.getMap(FAVORITES_MAP).has('s204')).toBe(false);
    expect(doc.getArray(HISTORY_ARRAY).length).toBe(200);
    expect(doc.getArray<{ at: number }>(HISTORY_ARRAY).get(0).at).toBe(5);
  });

  it('empties every other top-level type and says the write was refused', () => {
    const { doc, correction, cart } = shaped((d) => {
      d.getMap('orders').set('o1', { status: 'paid' });
      d.getArray('coupons').push([1, 2]);
      d.getText('note').insert(0, 'hello');
      d.getMap(CART_MAP).set('a', line(1));
    });
    expect(correction).toEqual({ corrected: true, refused: true });
    expect(doc.getMap('orders').size).toBe(0);
    expect(doc.getArray('coupons').length).toBe(0);
    expect(doc.getText('note').length).toBe(0);
    expect(Object.keys(cart)).toEqual(['a']);
  });

  it('drops list items in the maps and map keys in the history', () => {
    const { doc, correction } = shaped((d) => {
      d.getArray(CART_MAP).push([line(1), line(2)]);
      d.getMap(HISTORY_ARRAY).set('x', { skuId: 'a', at: 1, channel: 'pc' });
    });
    expect(correction).toEqual({ corrected: true, refused: false });
    // A client reading the types as they were written finds nothing there.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    expect(client.getArray(CART_MAP).length).toBe(0);
    expect(client.getMap(HISTORY_ARRAY).size).toBe(0);
  });

  it('drops entries of the wrong shape or under a key that is no SKU id', () => {
    const { doc, cart } = shaped((d) => {
      const c = d.getMap(CART_MAP);
      c.set('no addedAt', { qty: 1 });
      c.set('a', 'two' as never);
      c.set('b', { qty: 1, addedAt: 1, channel: 'tv' });
      c.set('x'.repeat(65), line(1));
      c.set('ok', line(1));
      d.getMap(FAVORITES_MAP).set('f', { addedAt: 'yesterday', channel: 'pc' });
      d.getArray(HISTORY_ARRAY).push([{ skuId: 'a', at: 1, channel: 'pc' }, 'b', { skuId: 'has space', at: 1 }]);
    });
    expect(Object.keys(cart)).toEqual(['ok']);
    expect(doc.getMap(FAVORITES_MAP).size).toBe(0);
    expect(doc.getArray(HISTORY_ARRAY).toJSON()).toEqual([{ skuId: 'a', at: 1, channel: 'pc' }]);
  });

  it('strips unknown fields, in place in a nested map, so padding cannot ride on a valid entry', () => {
    const pad = 'x'.repeat(100_000);
    const { doc } = shaped((d) => {
      d.getMap(CART_MAP).set('plain', { ...line(1), pad });
      const nested = new Y.Map<unknown>();
      d.getMap(CART_MAP).set('nested', nested);
      nested.set('qty', 3);
      nested.set('addedAt', 1);
      nested.set('pad', pad);
      d.getArray(HISTORY_ARRAY).push([{ skuId: 'a', at: 1, channel: 'pc', pad }]);
    });
    expect(doc.getMap(CART_MAP).toJSON()).toEqual({ plain: line(1), nested: { qty: 3, addedAt: 1 } });
    expect(doc.getMap(CART_MAP).get('nested')).toBeInstanceOf(Y.Map);
    expect(doc.getArray(HISTORY_ARRAY).toJSON()).toEqual([{ skuId: 'a', at: 1, channel: 'pc' }]);
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeLessThan(1_000);
  });
});
