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

  /** `name`: the room this client speaks for on a multiplexed socket, whose frames carry it first. */
  private constructor(
    readonly socket: WebSocket,
    readonly doc: Y.Doc,
    readonly name?: string,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    clearInterval((this.awareness as unknown as { _checkInterval: number })._checkInterval);
    socket.addEventListener('message', (event) => {
      const frame = new Uint8Array(event.data as ArrayBuffer);
      const decoder = decoding.createDecoder(frame);
      if (name !== undefined && decoding.readVarString(decoder) !== name) return;
      this.bytesReceived += frame.byteLength;
      this.receive(decoder);
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

  /** The accepted socket of an upgrade `response`; throws with the response when it was refused. */
  private static accepted(response: Response): WebSocket {
    const socket = response.webSocket;
    if (response.status !== 101 || !socket) {
      throw Object.assign(new Error(`upgrade refused: ${response.status}`), { response });
    }
    socket.binaryType = 'arraybuffer';
    socket.accept();
    return socket;
  }

  /**
   * Opens one multiplexed socket to several rooms of one object (`/sync?rooms=…`) and answers a
   * client per room, all synced; throws with the response when the upgrade is refused.
   */
  static async connectMany(rooms: string[], channel: string, token?: string): Promise<RoomClient[]> {
    const query = new URLSearchParams({ rooms: rooms.join(','), channel, ...(token === undefined ? {} : { token }) });
    const response = await SELF.fetch(`http://hub/sync?${query}`, { headers: { Upgrade: 'websocket' } });
    const socket = RoomClient.accepted(response);
    const clients = rooms.map((room) => new RoomClient(socket, new Y.Doc(), room));
    await Promise.all(clients.map((client) => client.until(() => client.synced, `initial sync of ${client.name}`)));
    return clients;
  }

  /**
   * Speaks over the socket of an upgrade `response` (from the hub or straight from an object); with
   * `name`, as that room's client on a multiplexed socket.
   */
  static async over(response: Response, doc = new Y.Doc(), name?: string): Promise<RoomClient> {
    const socket = RoomClient.accepted(response);
    const client = new RoomClient(socket, doc, name);
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

  /** Sends a frame as it is, without this client's room name. */
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
    if (this.name !== undefined) encoding.writeVarString(encoder, this.name);
    encoding.writeVarUint(encoder, type);
    write(encoder);
    if (this.closed === null) this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      const kind = syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 0)
        this.send(MESSAGE_SYNC, (e) => encoding.writeUint8Array(e, encoding.toUint8Array(reply)));
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
