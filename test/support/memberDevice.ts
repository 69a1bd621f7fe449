import * as Y from 'yjs';
import type { Channel } from '../../shared/channels';
import { RoomClient } from './roomClient';

/**
 * One shopper's device: a `Y.Doc` that outlives its sockets. Online, a `RoomClient` speaks for
 * it; offline, it keeps its edits, and reconnecting runs the normal sync step 1/2 on a new
 * socket. It keeps what it authored itself, so a test can merge every device's own edits
 * without any server change.
 */
export class MemberDevice {
  readonly doc = new Y.Doc();
  /** `permission-denied` answers heard on this device's closed sockets. */
  private readonly earlierDenials: string[] = [];
  private client: RoomClient | null = null;
  private readonly authored: Uint8Array[] = [];

  constructor(
    readonly room: string,
    readonly channel: Channel,
    private readonly token: string,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (!(origin instanceof RoomClient)) this.authored.push(update);
    });
  }

  get online(): boolean {
    return this.client !== null;
  }

  /** Opens a socket for this device's document and waits for the initial sync. */
  async connect(): Promise<void> {
    if (this.client) throw new Error('already online');
    this.client = await RoomClient.connect(this.room, this.channel, this.token, this.doc);
  }

  /** A new client of this device's room and token, with a document of its own: what the room holds now. */
  openRoom(): Promise<RoomClient> {
    return RoomClient.connect(this.room, this.channel, this.token);
  }

  disconnect(): void {
    if (!this.client) throw new Error('already offline');
    this.earlierDenials.push(...this.client.denials);
    this.client.close();
    this.client = null;
  }

  /** Every `permission-denied` so far, on this socket and earlier ones. */
  allDenials(): string[] {
    return [...this.earlierDenials, ...(this.client?.denials ?? [])];
  }

  /** Resolves once the room has handled every frame this device sent before. */
  flush(): Promise<void> {
    return this.socket().flush();
  }

  /** Resolves when `check` holds after a frame arrives on this device's socket; rejects after a timeout. */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void> {
    return this.socket().until(check, what, timeoutMs);
  }

  /** Every update this device wrote itself, oldest first. */
  authoredEdits(): readonly Uint8Array[] {
    return this.authored;
  }

  private socket(): RoomClient {
    if (!this.client) throw new Error('device is offline');
    return this.client;
  }
}

const sameState = (a: Y.Doc, b: Y.Doc): boolean => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));

/**
 * Resolves when every doc holds the same state (the same items and the same deletions), checked
 * again on each of their updates; rejects after `timeoutMs`.
 */
export const untilSameState = (docs: readonly Y.Doc[], what: string, timeoutMs = 3000): Promise<void> => {
  const agreed = () => docs.every((doc) => sameState(doc, docs[0] as Y.Doc));
  if (agreed()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      for (const doc of docs) doc.off('update', check);
    };
    const check = () => {
      if (!agreed()) return;
      stop();
      resolve();
    };
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(docs.map((doc) => doc.toJSON()))}`));
    }, timeoutMs);
    for (const doc of docs) doc.on('update', check);
  });
};
