import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { SKU_MAP } from '../shared/docs/sku';
import {
  CLOSE_AWARENESS_TOO_LARGE,
  CLOSE_FRAME_TOO_LARGE,
  CLOSE_MALFORMED_FRAME,
  CLOSE_UNSUPPORTED_DATA,
} from '../shared/protocol/closeCodes';
import { MESSAGE_AWARENESS } from '../shared/protocol/messages';
import { frame, truncatedUpdate } from './support/badFrames';
import { admin, firstSku, patchSku } from './support/hub';
import { RoomClient } from './support/roomClient';

describe('bad frames', () => {
  it.each([
    ['an oversized frame', () => new Uint8Array(1024 * 1024 + 1), CLOSE_FRAME_TOO_LARGE],
    ['a text frame', () => 'hello', CLOSE_UNSUPPORTED_DATA],
    ['garbage', () => new Uint8Array([0, 2, 200, 1, 7]), CLOSE_MALFORMED_FRAME],
    ['an unknown message type', () => new Uint8Array([9]), CLOSE_MALFORMED_FRAME],
    ['a truncated update', truncatedUpdate, CLOSE_MALFORMED_FRAME],
    [
      'an oversized awareness state',
      () =>
        frame(
          (e) => encoding.writeVarUint(e, MESSAGE_AWARENESS),
          (e) => encoding.writeVarUint8Array(e, new Uint8Array(9000)),
        ),
      CLOSE_AWARENESS_TOO_LARGE,
    ],
  ])('closes only the socket that sent %s', async (_, make, code) => {
    const sku = await firstSku();
    const offender = await RoomClient.connect(`sku:${sku.skuId}`, 'pc');
    const neighbour = await RoomClient.connect(`sku:${sku.skuId}`, 'mini');

    offender.sendRaw(make());
    await offender.until(() => offender.closed !== null, 'offender closed');
    expect(offender.closed?.code).toBe(code);

    await patchSku(sku.skuId, { price: 4242 });
    await neighbour.until(() => neighbour.doc.getMap(SKU_MAP).get('price') === 4242, 'neighbour gets the edit');
    expect(neighbour.closed).toBeNull();
    expect(await (await admin('GET', `/api/skus/${sku.skuId}`)).json()).toMatchObject({ price: 4242, rev: 2 });
  });
});
