import type { LiveView, Refusal, Storefront } from '../../../sdk/src/index';
import { DEVELOPMENT_SMS_CODE } from './developmentSmsCode';
import { waitForEvent } from './wait';

/** How long a change may take to show in an SDK storefront's live view. */
export const LIVE_WITHIN_MS = 3000;

/** Resolves with `view`'s value once `accept` takes it (now, or after a change). */
export const until = <T>(
  view: LiveView<T>,
  accept: (value: T) => boolean,
  label: string,
  timeoutMs = LIVE_WITHIN_MS,
): Promise<T> =>
  accept(view.get())
    ? Promise.resolve(view.get())
    : waitForEvent<[T]>((listener) => view.subscribe(listener), timeoutMs, label, accept).then(([v]) => v);

/** Every refusal `shop` reports from now on. */
export const refusals = (shop: Storefront): Refusal[] => {
  const seen: Refusal[] = [];
  shop.on('refusal', (r) => seen.push(r));
  return seen;
};

/** A mainland mobile number nobody has used yet. */
export const freshPhone = () => `+86137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** Logs `shop` in with the development SMS code, as a shopper does. */
export const login = async (shop: Storefront, phone: string) => {
  await shop.auth.requestCode(phone);
  return shop.auth.loginWithPhone(phone, DEVELOPMENT_SMS_CODE);
};
