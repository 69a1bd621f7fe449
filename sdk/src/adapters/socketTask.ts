import type { HubSocket, HubSocketEvents } from '../socket';

/** A failed mini-program call's answer. */
export interface CallFailure {
  errMsg: string;
}

/** The `SocketTask` that `wx.connectSocket` and `uni.connectSocket` return. */
export interface SocketTask {
  onOpen(listener: () => void): void;
  onMessage(listener: (message: { data: string | ArrayBuffer }) => void): void;
  onClose(listener: (event: { code: number; reason: string }) => void): void;
  onError(listener: (error: CallFailure) => void): void;
  /** Takes a string or an ArrayBuffer, nothing else. */
  send(options: { data: string | ArrayBuffer; fail?: (error: CallFailure) => void }): void;
  close(options: { code?: number; reason?: string }): void;
}

/**
 * `connectSocket`. A `fail` callback is always passed: uni-app returns a Promise instead of the
 * task when no callback is given, and both report a refused socket (a sixth one) through it.
 */
export type ConnectSocket = (options: { url: string; fail: (error: CallFailure) => void }) => SocketTask;

/** The frame's own bytes: a view may sit inside a larger buffer, and only ArrayBuffers can be sent. */
const exactBytes = (frame: Uint8Array): ArrayBuffer =>
  frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength
    ? (frame.buffer as ArrayBuffer)
    : (frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) as ArrayBuffer);

/** No close code came with the failure (a refused or broken socket). */
const ABNORMAL_CLOSURE = 1006;

/**
 * A `HubSocket` over a mini-program `SocketTask`. The SDK hears exactly one close: from
 * `onClose`, or from a failure (`fail`, `onError`) that may never be followed by one.
 */
export const socketTaskSocket =
  (connect: ConnectSocket) =>
  (url: string, events: HubSocketEvents): HubSocket => {
    let open = false;
    let ended = false;
    let task: SocketTask | null = null;
    const end = (code: number, reason: string) => {
      if (ended) return;
      ended = true;
      open = false;
      events.close(code, reason);
    };
    const failed = (error: CallFailure) => {
      if (ended) return;
      task?.close({ code: 1000, reason: 'failed' });
      end(ABNORMAL_CLOSURE, error.errMsg);
    };
    try {
      task = connect({ url, fail: failed });
      task.onOpen(() => {
        if (ended) return;
        open = true;
        events.open();
      });
      task.onMessage(({ data }) => {
        if (!ended && (typeof data === 'string' || data instanceof ArrayBuffer)) events.message(data);
      });
      task.onClose(({ code, reason }) => end(code, reason));
      task.onError(failed);
    } catch (error) {
      // The SDK expects a socket back; a synchronous refusal is reported as a close, after this returns.
      setTimeout(() => end(ABNORMAL_CLOSURE, error instanceof Error ? error.message : String(error)), 0);
    }
    const send = (data: string | ArrayBuffer) => {
      if (open) task?.send({ data, fail: failed });
    };
    return {
      send: (frame) => send(exactBytes(frame)),
      sendText: (text) => send(text),
      close: (code, reason) => {
        open = false;
        if (!ended) task?.close({ code, reason });
      },
    };
  };
