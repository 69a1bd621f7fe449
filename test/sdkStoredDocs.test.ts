import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../sdk/src/adapters/base64';
import { storedDocs } from '../sdk/src/adapters/storedDocs';
import { memoryStorage } from '../sdk/src/memoryStorage';

// What a mini-program keeps of the member's documents (`sdk/src/adapters/storedDocs.ts`), in its
// own base64 because a mini-program has neither `btoa` nor `Buffer`.
describe('documents kept in a mini-program’s storage', () => {
  it('writes any bytes as standard base64 and reads them back unchanged', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const text = toBase64(bytes);
        expect(text).toBe(btoa(String.fromCharCode(...bytes)));
        expect([...fromBase64(text)]).toEqual([...bytes]);
      }),
    );
  });

  it('brings a cart edited before a restart back into the new document before it is used', async () => {
    const storage = memoryStorage();
    const first = new Y.Doc();
    const kept = storedDocs(storage)('member:m1', first);
    await kept.loaded;
    first.getMap('cart').set('sku_1', { qty: 3, addedAt: 1, channel: 'mini', selected: true });
    first.getMap('cart').set('sku_2', { qty: 1, addedAt: 2, channel: 'mini', selected: true });
    kept.destroy();

    const restarted = new Y.Doc();
    await storedDocs(storage)('member:m1', restarted).loaded;
    expect(restarted.getMap('cart').toJSON()).toEqual(first.getMap('cart').toJSON());
  });

  it('forgets the document on clear', async () => {
    const storage = memoryStorage();
    const doc = new Y.Doc();
    const kept = storedDocs(storage)('member:m1', doc);
    await kept.loaded;
    doc.getMap('cart').set('sku_1', { qty: 1, addedAt: 1, channel: 'mini', selected: true });
    kept.destroy();
    await kept.clear();
    expect(await storage.get('mallsync.doc.member:m1')).toBeNull();
  });
});
