import path from 'node:path';
import type { Storefront } from '../../../sdk/src/index';
import { MiniProgramShim } from './miniProgramShim';
import { ReactNativeShim } from './reactNativeShim';
import { bundleEntry, RuntimeRealm } from './runtimeRealm';
import { PROJECT_ROOT } from './wranglerDev';

type WxEntry = typeof import('../../../sdk/src/adapters/wx');
type UniEntry = typeof import('../../../sdk/src/adapters/uni');
type ReactNativeEntry = typeof import('../../../sdk/src/adapters/reactNative');

/** A storefront on one runtime's SDK entry, in a realm of that runtime's own. */
export interface RuntimeDevice {
  readonly shop: Storefront;
  /** Sockets the runtime holds open (or connecting) now, and the most it held at once. */
  readonly sockets: number;
  readonly peakSockets: number;
  destroy(): void;
}

export interface MiniProgramDevice extends RuntimeDevice {
  readonly shim: MiniProgramShim;
  /** The `wx` (or `uni`) the app's other code calls too. */
  readonly api: ReturnType<MiniProgramShim['api']>;
}

/**
 * A mini-program (`wx`) or uni-app (`uni`) storefront, starting (`shop.ready`: a guest, or the stored session).
 * `storage` outlives the device, so a second device over it is the same app restarted.
 */
export const miniProgramDevice = async (
  flavor: 'wx' | 'uni',
  hubUrl: string,
  storage: Map<string, unknown> = new Map(),
): Promise<MiniProgramDevice> => {
  const realm = new RuntimeRealm();
  const shim = new MiniProgramShim(flavor, realm.binaries, storage);
  const api = shim.api();
  realm.provide({ [flavor]: api });
  const entry = `sdk/src/adapters/${flavor}.ts`;
  const sdk = realm.load<WxEntry | UniEntry>(await bundleEntry(entry), entry);
  const runtime = 'wxRuntime' in sdk ? sdk.wxRuntime() : sdk.uniRuntime();
  const shop = sdk.createStorefront({ url: hubUrl, channel: 'mini', runtime, ackSampleRate: 1 });
  return {
    shop,
    shim,
    api,
    get sockets() {
      return shim.sockets;
    },
    get peakSockets() {
      return shim.peakSockets;
    },
    destroy: () => {
      shop.close();
      shim.dispose();
    },
  };
};

/** The polyfill React Native apps install, replaced by a stand-in that needs no react-native. */
const RANDOM_VALUES_ALIAS = {
  'react-native-get-random-values': path.join(PROJECT_ROOT, 'test/e2e/support/reactNativeRandomValues.ts'),
};

/** A React Native storefront (channel `app`), starting as a guest; its session in memory. */
export const reactNativeDevice = async (hubUrl: string): Promise<RuntimeDevice> => {
  const realm = new RuntimeRealm();
  const shim = new ReactNativeShim(realm.binaries);
  realm.provide(shim.globals());
  const entry = 'sdk/src/adapters/reactNative.ts';
  const sdk = realm.load<ReactNativeEntry>(await bundleEntry(entry, RANDOM_VALUES_ALIAS), entry);
  const shop = sdk.createStorefront({
    url: hubUrl,
    channel: 'app',
    runtime: sdk.reactNativeRuntime(),
    ackSampleRate: 1,
  });
  return {
    shop,
    get sockets() {
      return shim.sockets;
    },
    get peakSockets() {
      return shim.peakSockets;
    },
    destroy: () => {
      shop.close();
      shim.dispose();
    },
  };
};
