import { WebSocket } from 'ws';
import type { RealmBinaries } from './runtimeRealm';

type Failure = { errMsg: string };
interface Callbacks<R> {
  success?(result: R): void;
  fail?(error: Failure): void;
  complete?(): void;
}
type Listener<E> = (event: E) => void;

/** WeChat allows 5 `SocketTask`s at once (connecting or open); uni-app on a mini-program the same. */
export const MAX_SOCKET_TASKS = 5;
const EXCEEDED = 'connectSocket:fail exceed max task count';

/** Answers a call on a later turn, as the runtime does: `success` or `fail`, then `complete`. */
const answer = <R>(callbacks: Callbacks<R>, outcome: { ok: R } | { failed: Failure }): void => {
  setTimeout(() => {
    if ('ok' in outcome) callbacks.success?.(outcome.ok);
    else callbacks.fail?.(outcome.failed);
    callbacks.complete?.();
  }, 0);
};

/** A `SocketTask` over a `ws` socket, delivering binary frames as the realm's own ArrayBuffers. */

/** What `wx.request` / `uni.request` take. */
type RequestOptions = {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
  dataType?: string;
} & Callbacks<{ data: unknown; statusCode: number; header: Record<string, string> }>;

class ShimSocketTask {
  private readonly opens: Listener<{ header: Record<string, string> }>[] = [];
  private readonly messages: Listener<{ data: string | ArrayBuffer }>[] = [];
  private readonly closes: Listener<{ code: number; reason: string }>[] = [];
  private readonly errors: Listener<Failure>[] = [];
  readonly socket: WebSocket | null;

  constructor(
    url: string,
    private readonly binaries: RealmBinaries,
    refusal: string | null,
    onGone: (task: ShimSocketTask) => void,
  ) {
    if (refusal) {
      this.socket = null;
      setTimeout(() => this.emit(this.errors, { errMsg: refusal }), 0);
      return;
    }
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on('open', () => this.emit(this.opens, { header: {} }));
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        this.emit(this.messages, { data: data.toString('utf8') });
        return;
      }
      const copy = new this.binaries.ArrayBuffer(data.byteLength);
      new this.binaries.Uint8Array(copy).set(data);
      this.emit(this.messages, { data: copy });
    });
    socket.on('error', (error) => this.emit(this.errors, { errMsg: error.message }));
    socket.on('close', (code, reason) => {
      onGone(this);
      this.emit(this.closes, { code, reason: reason.toString() });
    });
  }

  onOpen = (listener: Listener<{ header: Record<string, string> }>) => void this.opens.push(listener);
  onMessage = (listener: Listener<{ data: string | ArrayBuffer }>) => void this.messages.push(listener);
  onClose = (listener: Listener<{ code: number; reason: string }>) => void this.closes.push(listener);
  onError = (listener: Listener<Failure>) => void this.errors.push(listener);

  send = (options: { data: unknown } & Callbacks<Failure>): void => {
    const { data } = options;
    if (typeof data !== 'string' && !(data instanceof this.binaries.ArrayBuffer)) {
      throw new TypeError('sendSocketMessage:fail parameter error: parameter.data should be String/ArrayBuffer');
    }
    if (this.socket?.readyState !== WebSocket.OPEN) {
      answer(options, { failed: { errMsg: 'sendSocketMessage:fail WebSocket is not connected' } });
      return;
    }
    this.socket.send(typeof data === 'string' ? data : new Uint8Array(data));
    answer(options, { ok: { errMsg: 'sendSocketMessage:ok' } });
  };

  close = (options: { code?: number; reason?: string } & Callbacks<Failure> = {}): void => {
    this.socket?.close(options.code ?? 1000, options.reason);
    answer(options, { ok: { errMsg: 'closeSocket:ok' } });
  };

  private emit<E>(listeners: Listener<E>[], event: E): void {
    for (const listener of [...listeners]) listener(event);
  }
}

/**
 * A faithful stand-in for a mini-program's `wx` (or uni-app's `uni`) as the SDK uses it, backed by
 * `ws` and Node's `fetch`: at most 5 socket tasks (a sixth fails through `fail` and `onError`,
 * never opening), `send` taking only a string or an ArrayBuffer, storage in a Map that outlives
 * the realm (a restart is a new realm over the same storage), app hide and show a test triggers,
 * and a network a test can cut. uni-app answers `connectSocket` with a Promise instead of a task
 * when no callback is given.
 */
export class MiniProgramShim {
  private readonly tasks = new Set<ShimSocketTask>();
  private readonly hideListeners = new Set<() => void>();
  private readonly showListeners = new Set<() => void>();
  private networkUp = true;
  /** The most socket tasks alive at once so far. */
  peakSockets = 0;
  /** What `wx.login` answers with: the code WeChat gives the app for this user. */
  loginCode = 'mini-shopper';
  /** What `wx.chooseAddress` answers with (the shopper picking an address), or null: the shopper cancels. */
  pickedAddress: Record<string, unknown> | null = null;
  /** The toasts shown (`wx.showToast`), oldest first. */
  readonly toasts: string[] = [];
  /** Where the app asked to go (`wx.navigateTo`, `redirectTo`, `switchTab`), oldest first. */
  readonly navigations: string[] = [];

  constructor(
    readonly flavor: 'wx' | 'uni',
    private readonly binaries: RealmBinaries,
    readonly storage: Map<string, unknown> = new Map(),
  ) {}

  /** Socket tasks connecting or open now. */
  get sockets(): number {
    return this.tasks.size;
  }

  /** The object a mini-program's code sees as `wx` (or `uni`). */
  api() {
    const promised = (options: Callbacks<unknown>) =>
      this.flavor === 'uni' && !options.success && !options.fail && !options.complete;
    return {
      connectSocket: (options: { url: string } & Callbacks<Failure>) => {
        if (promised(options)) return Promise.resolve({ errMsg: 'connectSocket:ok' });
        return this.connectSocket(options);
      },
      request: (options: RequestOptions) => {
        this.request(options);
        return { abort: () => {} };
      },
      getStorage: (options: { key: string } & Callbacks<{ data: unknown }>) =>
        answer(
          options,
          this.storage.has(options.key)
            ? { ok: { data: this.storage.get(options.key) } }
            : { failed: { errMsg: 'getStorage:fail data not found' } },
        ),
      setStorage: (options: { key: string; data: unknown } & Callbacks<Failure>) => {
        this.storage.set(options.key, options.data);
        answer(options, { ok: { errMsg: 'setStorage:ok' } });
      },
      removeStorage: (options: { key: string } & Callbacks<Failure>) => {
        this.storage.delete(options.key);
        answer(options, { ok: { errMsg: 'removeStorage:ok' } });
      },
      login: (options: Callbacks<{ code: string; errMsg: string }>) =>
        answer(options, { ok: { code: this.loginCode, errMsg: 'login:ok' } }),
      chooseAddress: (options: Callbacks<Record<string, unknown>>) =>
        answer(
          options,
          this.pickedAddress ? { ok: { ...this.pickedAddress } } : { failed: { errMsg: 'chooseAddress:fail cancel' } },
        ),
      showToast: (options: { title: string }) => void this.toasts.push(options.title),
      navigateTo: (options: { url: string }) => void this.navigations.push(options.url),
      redirectTo: (options: { url: string }) => void this.navigations.push(options.url),
      switchTab: (options: { url: string }) => void this.navigations.push(options.url),
      onAppHide: (listener: () => void) => void this.hideListeners.add(listener),
      offAppHide: (listener: () => void) => void this.hideListeners.delete(listener),
      onAppShow: (listener: () => void) => void this.showListeners.add(listener),
      offAppShow: (listener: () => void) => void this.showListeners.delete(listener),
    };
  }

  /** The shopper switches away from the app (the runtime's `onAppHide`). */
  hide(): void {
    for (const listener of [...this.hideListeners]) listener();
  }

  /** The shopper comes back (`onAppShow`). */
  show(): void {
    for (const listener of [...this.showListeners]) listener();
  }

  /** The device loses its network: open sockets drop, new ones and requests fail. */
  cutNetwork(): void {
    this.networkUp = false;
    for (const task of this.tasks) task.socket?.terminate();
  }

  restoreNetwork(): void {
    this.networkUp = true;
  }

  dispose(): void {
    this.cutNetwork();
    this.hideListeners.clear();
    this.showListeners.clear();
  }

  private connectSocket(options: { url: string } & Callbacks<Failure>): ShimSocketTask {
    const refusal = !this.networkUp
      ? 'connectSocket:fail network is down'
      : this.tasks.size >= MAX_SOCKET_TASKS
        ? EXCEEDED
        : null;
    const task = new ShimSocketTask(options.url, this.binaries, refusal, (gone) => this.tasks.delete(gone));
    if (refusal) {
      answer(options, { failed: { errMsg: refusal } });
      return task;
    }
    this.tasks.add(task);
    this.peakSockets = Math.max(this.peakSockets, this.tasks.size);
    answer(options, { ok: { errMsg: 'connectSocket:ok' } });
    return task;
  }

  private request(options: RequestOptions): void {
    if (!this.networkUp) {
      answer(options, { failed: { errMsg: 'request:fail network is down' } });
      return;
    }
    const method = options.method ?? 'GET';
    const body =
      method === 'GET' || options.data === undefined
        ? undefined
        : typeof options.data === 'string'
          ? options.data
          : JSON.stringify(options.data);
    fetch(options.url, { method, headers: options.header, body }).then(
      async (response) => {
        const text = await response.text();
        let data: unknown = text;
        // dataType 'json' (the default) parses the body when it can; any other value leaves it text.
        if ((options.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        answer(options, { ok: { data, statusCode: response.status, header: Object.fromEntries(response.headers) } });
      },
      (error: Error) => answer(options, { failed: { errMsg: `request:fail ${error.message}` } }),
    );
  }
}
