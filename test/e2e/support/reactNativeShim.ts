import { randomBytes } from 'node:crypto';
import { WebSocket as NodeWebSocket } from 'ws';
import type { RealmBinaries } from './runtimeRealm';

/**
 * React Native's globals as the SDK uses them: a WHATWG `WebSocket` (binary frames as Blobs
 * unless `binaryType` is 'arraybuffer'; `send` takes a string, an ArrayBuffer or a view and throws
 * on anything else, and while connecting), `fetch`, and the native random source that
 * `react-native-get-random-values` reads (`reactNativeRandomValues.ts` stands in for it). No
 * `crypto` until that polyfill runs. Counts the sockets alive at once.
 */
export class ReactNativeShim {
  private readonly alive = new Set<NodeWebSocket>();
  peakSockets = 0;

  constructor(private readonly binaries: RealmBinaries) {}

  get sockets(): number {
    return this.alive.size;
  }

  globals(): Record<string, unknown> {
    return {
      WebSocket: this.webSocketClass(),
      fetch: (input: string, init?: RequestInit) => fetch(input, init),
      nativeRandomBytes: (length: number) => [...randomBytes(length)],
    };
  }

  dispose(): void {
    for (const socket of this.alive) socket.terminate();
  }

  private webSocketClass() {
    const shim = this;
    const { binaries } = this;
    return class WebSocket {
      static readonly CONNECTING = 0;
      static readonly OPEN = 1;
      static readonly CLOSING = 2;
      static readonly CLOSED = 3;
      binaryType: 'blob' | 'arraybuffer' = 'blob';
      onopen: ((event: object) => void) | null = null;
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onclose: ((event: { code: number; reason: string }) => void) | null = null;
      onerror: ((event: { message: string }) => void) | null = null;
      private readonly socket: NodeWebSocket;

      constructor(url: string) {
        const socket = new NodeWebSocket(url);
        this.socket = socket;
        shim.alive.add(socket);
        shim.peakSockets = Math.max(shim.peakSockets, shim.alive.size);
        socket.on('open', () => this.onopen?.({}));
        socket.on('message', (data: Buffer, isBinary: boolean) => {
          if (!isBinary) return this.onmessage?.({ data: data.toString('utf8') });
          if (this.binaryType !== 'arraybuffer') return this.onmessage?.({ data: { blob: data.byteLength } });
          const copy = new binaries.ArrayBuffer(data.byteLength);
          new binaries.Uint8Array(copy).set(data);
          this.onmessage?.({ data: copy });
        });
        socket.on('error', (error) => this.onerror?.({ message: error.message }));
        socket.on('close', (code, reason) => {
          shim.alive.delete(socket);
          this.onclose?.({ code, reason: reason.toString() });
        });
      }

      get readyState(): number {
        return this.socket.readyState;
      }

      send(data: unknown): void {
        if (this.socket.readyState === NodeWebSocket.CONNECTING) throw new Error('INVALID_STATE_ERR');
        if (typeof data === 'string') this.socket.send(data);
        else if (data instanceof binaries.ArrayBuffer) this.socket.send(new Uint8Array(data));
        else if (ArrayBuffer.isView(data))
          this.socket.send(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        else throw new Error('Unsupported data type');
      }

      close(code?: number, reason?: string): void {
        this.socket.close(code ?? 1000, reason);
      }
    };
  }
}
