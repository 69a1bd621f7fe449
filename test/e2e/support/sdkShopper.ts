import { nodeRuntime } from '../../../sdk/src/adapters/node';
import type { Refusal, Storefront, StorefrontOptions } from '../../../sdk/src/index';
import { createStorefront } from '../../../sdk/src/storefront';
import type { Channel } from '../../../shared/channels';
import { DEVELOPMENT_SMS_CODE } from './developmentSmsCode';
import { LIVE_WITHIN_MS, waitForEvent } from './wait';

export { LIVE_WITHIN_MS };

/** A storefront on the SDK's Node runtime, ready (a guest session, or the stored one). */
export const nodeStorefront = async (
  hubUrl: string,
  channel: Channel,
  options: Partial<StorefrontOptions> = {},
): Promise<Storefront> => {
  const shop = createStorefront({ url: hubUrl, channel, runtime: nodeRuntime(), ackSampleRate: 1, ...options });
  await shop.ready;
  return shop;
};

/** Resolves once `view` holds a value `accept` takes (now, or after a change). */
export const until = <T>(
  view: { get(): T; subscribe(fn: (v: T) => void): () => void },
  accept: (v: T) => boolean,
  label: string,
  timeoutMs = LIVE_WITHIN_MS,
): Promise<T> =>
  accept(view.get())
    ? Promise.resolve(view.get())
    : waitForEvent<[T]>((listener) => view.subscribe(listener), timeoutMs, label, accept).then(([v]) => v);

/** Resolves once the storefront's `socket` is open (now, or at its next `connection` event). */
export const online = async (shop: Storefront, socket: 'member' | 'catalog'): Promise<void> => {
  if (shop.online()[socket]) return;
  await waitForEvent<[string, string]>(
    (listener) => {
      shop.on('connection', listener);
      return () => shop.off('connection', listener);
    },
    LIVE_WITHIN_MS,
    `the ${socket} socket to be online`,
    (name, state) => name === socket && state === 'online',
  );
};

/** Every refusal the storefront reports from now on. */
export const refusals = (shop: Storefront): Refusal[] => {
  const seen: Refusal[] = [];
  shop.on('refusal', (r) => seen.push(r));
  return seen;
};

/** A mainland mobile number nobody has used yet. */
export const freshPhone = () => `+86137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** Logs in with an SMS code, as a shopper does (the development provider's fixed code). */
export const logInByPhone = async (shop: Storefront, phone: string) => {
  await shop.auth.requestCode(phone);
  return shop.auth.loginWithPhone(phone, DEVELOPMENT_SMS_CODE);
};
