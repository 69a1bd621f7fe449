import type { HubSocket, HubSocketEvents } from '../socket';

/** The part of the WHATWG WebSocket (browsers, React Native, `ws`) the SDK uses. */
export interface StandardWebSocket {
  binaryType: string;
  readyState: number;
  send(data: ArrayBufferLike | ArrayBufferView | string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

/** A `HubSocket` over any standard WebSocket class. */
export const standardSocket =
  (WebSocketClass: new (url: string) => StandardWebSocket) =>
  (url: string, events: HubSocketEvents): HubSocket => {
    const socket = new WebSocketClass(url);
    socket.binaryType = 'arraybuffer';
    socket.onopen = () => events.open();
    socket.onmessage = (event) => {
      const { data } = event;
      if (typeof data === 'string') events.message(data);
      else if (data instanceof ArrayBuffer) events.message(data);
      else if (ArrayBuffer.isView(data))
        events.message(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
    };
    socket.onclose = (event) => events.close(event.code, event.reason);
    socket.onerror = () => {
      // A failed socket also closes; its close event carries what there is to know.
    };
    return {
      send: (frame) => {
        if (socket.readyState === OPEN) socket.send(frame);
      },
      sendText: (text) => {
        if (socket.readyState === OPEN) socket.send(text);
      },
      close: (code, reason) => {
        try {
          socket.close(code, reason);
        } catch {
          // already closing
        }
      },
    };
  };
