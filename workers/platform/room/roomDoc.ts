import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DocStore } from './docStore';

/**
 * One room's live replica inside a Durable Object: the Yjs document, its awareness and its
 * durable store. An object may host several (MemberRoom keeps `member:` and `account:`).
 */
export class RoomDoc {
  readonly doc = new Y.Doc();
  readonly awareness: awarenessProtocol.Awareness;
  readonly store: DocStore;
  private snapshot: Y.Snapshot | null = null;

  constructor(
    readonly name: string,
    storage: DurableObjectStorage,
  ) {
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The awareness heartbeat is a setInterval that would keep the object from hibernating;
    // states are removed when their socket closes instead.
    clearInterval((this.awareness as unknown as { _checkInterval: ReturnType<typeof setInterval> })._checkInterval);
    this.awareness.setLocalState(null);
    this.store = new DocStore(storage, name);
    this.store.load(this.doc);
    this.doc.on('update', () => {
      this.snapshot = null;
    });
  }

  /** True when applying `update` would change nothing: every struct and deletion is already here. */
  contains(update: Uint8Array): boolean {
    this.snapshot ??= Y.snapshot(this.doc);
    return Y.snapshotContainsUpdate(this.snapshot, update);
  }

  /** True when `origin` is the store replaying its own log (not a change to persist or send). */
  isReplay(origin: unknown): boolean {
    return origin === this.store;
  }
}
