/**
 * Stands in for `react-native-get-random-values` in the end-to-end tests (an esbuild alias; the
 * real one needs react-native): like it, it installs `crypto.getRandomValues` on the global only
 * when missing, checks what the Web Crypto spec requires, and fills from the native module (here
 * the React Native shim's `nativeRandomBytes`).
 */
export {};

declare const nativeRandomBytes: (length: number) => number[];

type Scope = { crypto?: { getRandomValues?: (array: ArrayBufferView) => ArrayBufferView } };
const scope = globalThis as Scope;

const MAX_BYTES = 65_536;

const getRandomValues = <T extends ArrayBufferView>(array: T): T => {
  if (
    !(
      array instanceof Int8Array ||
      array instanceof Uint8Array ||
      array instanceof Int16Array ||
      array instanceof Uint16Array ||
      array instanceof Int32Array ||
      array instanceof Uint32Array ||
      array instanceof Uint8ClampedArray
    )
  ) {
    throw new TypeError('Expected an integer array');
  }
  if (array.byteLength > MAX_BYTES) throw new Error('Can only request a maximum of 65536 bytes');
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(nativeRandomBytes(array.byteLength));
  return array;
};

if (typeof scope.crypto !== 'object') scope.crypto = {};
if (typeof scope.crypto.getRandomValues !== 'function') scope.crypto.getRandomValues = getRandomValues;
