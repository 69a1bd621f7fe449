import { SELF } from 'cloudflare:test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../shared/protocol/messages';

const TIMEOUT_MS = 5000;

/**
 * A y-websocket client for tests inside workerd, where the stock WebsocketProvider cannot dial
 * the Worker: same protocol, driven over the socket SELF.fetch returns.
 */
export class RoomClient {
  readonly awareness: awarenessProtocol.Awareness;
  readonly denials: string[] = [];
  /** Update frames received after the initial sync (a coalesced burst counts once). */
  updateFrames = 0;
  /** Sync step 2 frames received: the initial sync's, then one per step 1 the room answered. */
  syncAnswers = 0;
  /** Awareness frames received (states, or the answer to a query). */
  awarenessFrames = 0;
  /** Bytes of every frame received, the initial sync's too. */
  bytesReceived = 0;
  closed: { code: number; reason: string } | null = null;
  private synced = false;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly socket: WebSocket,
    readonly doc: Y.Doc,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    clearInterval((this.awareness as unknown as { _checkInterval: number })._checkInterval);
    socket.addEventListener('message', (event) => {
      this.bytesReceived += (event.data as ArrayBuffer).byteLength;
      this.receive(new Uint8Array(event.data as ArrayBuffer));
      this.notify();
    });
    socket.addEventListener('close', (event) => {
      this.closed = { code: event.code, reason: event.reason };
      this.notify();
    });
    this.doc.on('update', this.sendLocalUpdate);
    this.send(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, this.doc));
  }

  /**
   * Opens `/sync/<room>?channel=…[&token=…]`; throws with the response when the upgrade is refused.
   * With `doc`, speaks for that document (a device's, which outlives its sockets) instead of a new one.
   */
  static async connect(room: string, channel: string, token?: string, doc?: Y.Doc): Promise<RoomClient> {
    const query = token === undefined ? '' : `&token=${encodeURIComponent(token)}`;
    return RoomClient.over(
      await SELF.fetch(`http://hub/sync/${room}?channel=${channel}${query}`, { headers: { Upgrade: 'websocket' } }),
      doc,
    );
  }

  /** Speaks over the socket of an upgrade `response` (from the hub or straight from an object). */
  static async over(response: Response, doc = new Y.Doc()): Promise<RoomClient> {
    const socket = response.webSocket;
    if (response.status !== 101 || !socket) {
      throw Object.assign(new Error(`upgrade refused: ${response.status}`), { response });
    }
    socket.binaryType = 'arraybuffer';
    socket.accept();
    const client = new RoomClient(socket, doc);
    await client.until(() => client.synced, 'initial sync');
    return client;
  }

  /** Resolves when `check` holds after some frame arrives; rejects after a timeout. */
  until(check: () => boolean, what: string, timeoutMs = TIMEOUT_MS): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
    });
  }

  /** Announces an awareness state, as the SDK does to acknowledge a rev. */
  setAwareness(state: Record<string, unknown>): void {
    this.awareness.setLocalState(state);
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    this.send(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, update));
  }

  /**
   * Resolves once the room has handled every frame this client sent before: it answers an
   * awareness query, and a socket's frames are handled in order.
   */
  async flush(): Promise<void> {
    const before = this.awarenessFrames;
    this.send(MESSAGE_QUERY_AWARENESS, () => {});
    await this.until(() => this.awarenessFrames > before, 'the room to answer a query');
  }

  sendRaw(frame: Uint8Array | string): void {
    this.socket.send(frame);
  }

  /** Closes the socket; the document stays usable, and its later edits are no longer sent. */
  close(): void {
    this.doc.off('update', this.sendLocalUpdate);
    this.awareness.destroy();
    this.socket.close(1000, 'done');
  }

  private readonly sendLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== this) this.send(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update));
  };

  private send(type: number, write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    write(encoder);
    if (this.closed === null) this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 1) this.socket.send(encoding.toUint8Array(reply));
      if (kind === syncProtocol.messageYjsSyncStep2) {
        this.synced = true;
        this.syncAnswers += 1;
      }
      if (kind === syncProtocol.messageYjsUpdate) this.updateFrames += 1;
    } else if (type === MESSAGE_AWARENESS) {
      this.awarenessFrames += 1;
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === MESSAGE_AUTH) {
      decoding.readVarUint(decoder);
      this.denials.push(decoding.readVarString(decoder));
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
