import fc from 'fast-check';
import * as Y from 'yjs';
import { CART_MAP, FAVORITES_MAP, HISTORY_ARRAY, MAX_CART_QTY } from '../../shared/docs/member';
import { entryField, setEntryField } from '../../shared/docs/memberShape';
import { type MemberDevice, untilSameState } from './memberDevice';

/** Top-level types of the member document a client may not write (they belong to the account room). */
export const REFUSED_MAP = 'orders';
export const REFUSED_ARRAY = 'coupons';

/** What a run's commands may rely on: which of its devices are online. */
export interface DevicesModel {
  online: boolean[];
}

/** The devices of one member, and the next timestamp they stamp an entry with. */
export interface DevicesUnderTest {
  devices: MemberDevice[];
  stamp: () => number;
  /** The devices that wrote a type they may not write. */
  refusedWriters: Set<MemberDevice>;
  /** Commands run so far, over every run. */
  steps: { count: number };
}

type DeviceCommand = fc.AsyncCommand<DevicesModel, DevicesUnderTest>;

const cartOf = (doc: Y.Doc) => doc.getMap<unknown>(CART_MAP);
const favoritesOf = (doc: Y.Doc) => doc.getMap<unknown>(FAVORITES_MAP);

/** Every online device has the room's state: the room has handled their frames and they agree. */
export const settle = async (devices: readonly MemberDevice[]): Promise<void> => {
  const online = devices.filter((device) => device.online);
  await Promise.all(online.map((device) => device.flush()));
  await untilSameState(
    online.map((device) => device.doc),
    'the online devices to agree',
  );
};

/** An edit one device makes on its own document, online or not. */
const edit = (
  description: string,
  device: number,
  change: (doc: Y.Doc, device: MemberDevice, real: DevicesUnderTest) => void,
): DeviceCommand => ({
  check: () => true,
  run: async (_, real) => {
    real.steps.count += 1;
    const target = real.devices[device] as MemberDevice;
    change(target.doc, target, real);
  },
  toString: () => `device ${device}: ${description}`,
});

const connectivity = (description: string, device: number, online: boolean): DeviceCommand => ({
  check: (model) => model.online[device] === !online,
  run: async (model, real) => {
    real.steps.count += 1;
    const target = real.devices[device] as MemberDevice;
    if (online) await target.connect();
    else target.disconnect();
    model.online[device] = online;
  },
  toString: () => `device ${device}: ${description}`,
});

/**
 * The commands of a run of `devices` devices over `skuIds` (listed SKUs): edits within the cart
 * rules, refused writes, going offline and back, waiting for sync.
 */
export const deviceCommands = (skuIds: readonly string[], devices: number) => {
  const device = fc.nat({ max: devices - 1 });
  const sku = fc.constantFrom(...skuIds);
  const qty = fc.integer({ min: 1, max: MAX_CART_QTY });
  return fc.commands(
    [
      fc.tuple(device, sku, qty, fc.constantFrom('plain', 'nested')).map(([d, skuId, n, form]) =>
        edit(`add ${skuId} ×${n} (${form})`, d, (doc, { channel }, real) => {
          const line = { qty: n, addedAt: real.stamp(), channel, selected: true };
          cartOf(doc).set(skuId, form === 'nested' ? new Y.Map<unknown>(Object.entries(line)) : line);
        }),
      ),
      fc.tuple(device, sku, qty).map(([d, skuId, n]) =>
        edit(`set ${skuId} to ×${n}`, d, (doc) => {
          const line = cartOf(doc).get(skuId);
          if (line !== undefined) setEntryField(cartOf(doc), skuId, line, 'qty', n);
        }),
      ),
      fc.tuple(device, sku).map(([d, skuId]) =>
        edit(`remove ${skuId}`, d, (doc) => {
          cartOf(doc).delete(skuId);
        }),
      ),
      fc.tuple(device, sku).map(([d, skuId]) =>
        edit(`toggle selection of ${skuId}`, d, (doc) => {
          const line = cartOf(doc).get(skuId);
          if (line !== undefined) setEntryField(cartOf(doc), skuId, line, 'selected', !entryField(line, 'selected'));
        }),
      ),
      fc.tuple(device, sku).map(([d, skuId]) =>
        edit(`toggle favorite ${skuId}`, d, (doc, { channel }, real) => {
          if (favoritesOf(doc).has(skuId)) favoritesOf(doc).delete(skuId);
          else favoritesOf(doc).set(skuId, { addedAt: real.stamp(), channel });
        }),
      ),
      fc.tuple(device, sku).map(([d, skuId]) =>
        edit(`view ${skuId}`, d, (doc, { channel }, real) => {
          doc.getArray<unknown>(HISTORY_ARRAY).push([{ skuId, at: real.stamp(), channel }]);
        }),
      ),
      fc.tuple(device, fc.constantFrom(REFUSED_MAP, REFUSED_ARRAY)).map(([d, type]) =>
        edit(`write refused type ${type}`, d, (doc, writer, real) => {
          real.refusedWriters.add(writer);
          const at = real.stamp();
          if (type === REFUSED_MAP) doc.getMap<unknown>(REFUSED_MAP).set(`order${at}`, { status: 'paid' });
          else doc.getArray<unknown>(REFUSED_ARRAY).push([{ couponId: at }]);
        }),
      ),
      device.map((d) => connectivity('go offline', d, false)),
      device.map((d) => connectivity('reconnect', d, true)),
      fc.constant<DeviceCommand>({
        check: () => true,
        run: async (_, real) => {
          real.steps.count += 1;
          await settle(real.devices);
        },
        toString: () => 'wait until the online devices are synced',
      }),
    ],
    { maxCommands: 20, size: 'max' },
  );
};
