import type { KeyValueStore } from '../runtime';
import type { CallFailure } from './socketTask';

/** `getStorage`, `setStorage` and `removeStorage` of `wx` and `uni`: callbacks, one key at a time. */
export interface CallbackStorageApi {
  getStorage(options: { key: string; success(result: { data: unknown }): void; fail(error: CallFailure): void }): void;
  setStorage(options: { key: string; data: string; success(): void; fail(error: CallFailure): void }): void;
  removeStorage(options: { key: string; success(): void; fail(error: CallFailure): void }): void;
}

/** The runtime's storage as promises. A missing key fails `getStorage` ("data not found"): that is null. */
export const callbackStorage = (api: CallbackStorageApi): KeyValueStore => ({
  get: (key) =>
    new Promise((resolve) =>
      api.getStorage({
        key,
        success: ({ data }) => resolve(typeof data === 'string' ? data : null),
        fail: () => resolve(null),
      }),
    ),
  set: (key, value) =>
    new Promise((resolve, reject) =>
      api.setStorage({
        key,
        data: value,
        success: () => resolve(),
        fail: (error) => reject(new Error(error.errMsg)),
      }),
    ),
  remove: (key) =>
    new Promise((resolve) =>
      // Removing what is not there is no failure for the SDK.
      api.removeStorage({ key, success: () => resolve(), fail: () => resolve() }),
    ),
});
