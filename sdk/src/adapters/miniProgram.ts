import type { Runtime } from '../runtime';
import { type CallbackStorageApi, callbackStorage } from './callbackStorage';
import { type RequestApi, requestFetch } from './requestFetch';
import { type ConnectSocket, socketTaskSocket } from './socketTask';
import { storedDocs } from './storedDocs';

/** What the SDK uses of a mini-program's `wx`, or of uni-app's `uni` (the same calls). */
export interface MiniProgramApi extends CallbackStorageApi {
  connectSocket: ConnectSocket;
  request: RequestApi;
  onAppHide?(listener: () => void): void;
  offAppHide?(listener: () => void): void;
  onAppShow?(listener: () => void): void;
  offAppShow?(listener: () => void): void;
}

/** A mini-program allows 5 `SocketTask`s at once; a storefront takes 2. */
const MINI_PROGRAM_SOCKETS = 5;

const hook =
  (on: ((listener: () => void) => void) | undefined, off: ((listener: () => void) => void) | undefined) =>
  (listener: () => void) => {
    on?.(listener);
    return () => off?.(listener);
  };

/**
 * A runtime over `wx` or `uni`: sockets as `SocketTask`s, HTTP through `request`, the session and
 * the member's documents in the runtime's storage (so offline edits survive a restart), and the
 * app's hide and show.
 */
export const miniProgramRuntime = (api: MiniProgramApi, overrides: Partial<Runtime> = {}): Runtime => {
  const storage = callbackStorage(api);
  return {
    openSocket: socketTaskSocket((options) => api.connectSocket(options)),
    fetch: requestFetch((options) => api.request(options)),
    storage,
    persist: storedDocs(storage),
    ...(api.onAppHide ? { onHide: hook(api.onAppHide.bind(api), api.offAppHide?.bind(api)) } : {}),
    ...(api.onAppShow ? { onShow: hook(api.onAppShow.bind(api), api.offAppShow?.bind(api)) } : {}),
    maxSockets: MINI_PROGRAM_SOCKETS,
    ...overrides,
  };
};
