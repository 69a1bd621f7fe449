import { encodeBase64Url } from 'hono/utils/encode';
import { LISTING_MAP, LISTING_SKU_MAP, type ListingEntry } from '../../shared/docs/listing';
import type { CatalogEntry } from '../../shared/docs/sku';
import { catalogFeedRoom } from '../../shared/rooms';
import { clock } from '../platform/clock';
import type { RoomDoc } from '../platform/room/roomDoc';
import { SERVER_ORIGIN } from '../platform/room/YRoom';
import { migrateSchema } from '../platform/sqlSchema';
import type { Database } from '../records/db';
import { type ListingSource, listingSources } from './records/listingSources';
import { listingEntryOf } from './rules/listingEntry';

/** What the feed needs of the object that hosts it (`CatalogRoom`). */
export interface ListingFeedHost {
  storage: DurableObjectStorage;
  db: Database;
  room(name: string): RoomDoc;
  liveRooms(): Set<string>;
  forgetRoom(name: string): boolean;
  /** A SKU's live entry in the whole catalog. */
  skuEntry(skuId: string): CatalogEntry | undefined;
  /** The feed now shows `rev`: acknowledgements of it are measured from now (`RoomMonitor.stamp`). */
  stamp(room: string, rev: number): void;
}

/** A feed shows at most this many products (a listing page asks for 50 at most). */
export const MAX_FEED_PRODUCTS = 100;
/** A feed nobody has asked for or opened in this long is dropped, its stored document too. */
const RETIRE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** `used_at` is rewritten at most this often, so listing reads do not each write storage. */
const TOUCH_EVERY_MS = 60 * 60 * 1000;
/** How often, at most, an instance looks for feeds to retire, and how many it retires at once. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const SWEEP_BATCH = 200;

interface FeedView {
  productIds: string[];
  withSkus: boolean;
}

const SCHEMA = [
  (sql: SqlStorage) => {
    sql.exec(`CREATE TABLE listing_products (
      product_id TEXT PRIMARY KEY, source TEXT NOT NULL, entry TEXT NOT NULL, rev INTEGER NOT NULL) WITHOUT ROWID`);
    sql.exec(`CREATE TABLE listing_views (
      view_id TEXT PRIMARY KEY, product_ids TEXT NOT NULL, with_skus INTEGER NOT NULL, used_at INTEGER NOT NULL
    ) WITHOUT ROWID`);
    sql.exec('CREATE INDEX listing_views_used ON listing_views (used_at)');
    sql.exec('CREATE TABLE listing_seq (id INTEGER PRIMARY KEY CHECK (id = 1), rev INTEGER NOT NULL)');
    sql.exec('INSERT INTO listing_seq (id, rev) VALUES (1, 0)');
  },
];

interface ProductRow {
  source: string;
  entry: string;
  rev: number;
  [column: string]: SqlStorageValue;
}

const viewIdOf = async (productIds: string[], withSkus: boolean): Promise<string> => {
  const text = `${withSkus ? 'page' : 'list'}:${productIds.join(',')}`;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return encodeBase64Url(digest.slice(0, 16)).replace(/=+$/, '');
};

/**
 * Listing feeds: one small room per set of products a page shows (`catalog:<viewId>`), so what a
 * shopper downloads is bounded by the page, not by the catalog. Products any feed shows are
 * tracked here with their listing line, recomputed from the SKUs' live entries whenever one
 * changes; the line's `rev` comes from one counter, so it only rises. A feed's document is stored
 * like any room's (a socket may outlive the instance that served it); one whose room is not loaded
 * is brought up to date when it is opened.
 */
export class ListingFeed {
  private readonly views = new Map<string, FeedView>();
  private readonly viewsOfProduct = new Map<string, Set<string>>();
  private indexed = false;
  private sweptAt = 0;

  constructor(private readonly host: ListingFeedHost) {
    migrateSchema(host.storage, 'listing_feed', SCHEMA);
  }

  private get sql(): SqlStorage {
    return this.host.storage.sql;
  }

  /** The feed room of these products (in page order); made on first use. */
  async define(productIds: string[], withSkus: boolean): Promise<string> {
    const viewId = await viewIdOf(productIds, withSkus);
    const now = clock.now();
    const known = this.sql
      .exec<{ used_at: number }>('SELECT used_at FROM listing_views WHERE view_id = ?', viewId)
      .toArray()[0];
    if (!known || now - known.used_at >= TOUCH_EVERY_MS) {
      await this.track(productIds);
      this.sql.exec(
        'INSERT OR REPLACE INTO listing_views (view_id, product_ids, with_skus, used_at) VALUES (?, ?, ?, ?)',
        viewId,
        JSON.stringify(productIds),
        withSkus ? 1 : 0,
        now,
      );
    }
    this.sweep(now);
    return catalogFeedRoom(viewId);
  }

  /**
   * Readies a feed for a socket joining it: false when no such feed exists. Its document gets
   * every line that changed since it was last loaded.
   */
  open(room: string, viewId: string): boolean {
    this.index();
    if (this.views.has(room)) return true;
    const row = this.sql
      .exec<{ product_ids: string; with_skus: number; used_at: number }>(
        'SELECT product_ids, with_skus, used_at FROM listing_views WHERE view_id = ?',
        viewId,
      )
      .toArray()[0];
    if (!row) return false;
    const view = { productIds: JSON.parse(row.product_ids) as string[], withSkus: row.with_skus === 1 };
    this.views.set(room, view);
    for (const id of view.productIds) {
      const rooms = this.viewsOfProduct.get(id) ?? new Set<string>();
      rooms.add(room);
      this.viewsOfProduct.set(id, rooms);
    }
    const now = clock.now();
    if (now - row.used_at >= TOUCH_EVERY_MS) {
      this.sql.exec('UPDATE listing_views SET used_at = ? WHERE view_id = ?', now, viewId);
    }
    this.show(room, view, view.productIds);
    return true;
  }

  /** SKUs whose live entry changed: the lines of their products follow, in every open feed. */
  skusChanged(skus: Array<{ skuId: string; productId: string }>): void {
    this.index();
    // A flash sale or an import changes many SKUs of one product at once: one line each.
    const byProduct = new Map<string, string[]>();
    for (const { skuId, productId } of skus) byProduct.set(productId, [...(byProduct.get(productId) ?? []), skuId]);
    const touched = new Set<string>();
    for (const [productId, skuIds] of byProduct) {
      const source = this.sourceOf(productId);
      if (!source) continue;
      const added = skuIds.filter((id) => !source.skuIds.includes(id));
      if (added.length > 0) {
        source.skuIds.push(...added);
        this.sql.exec('UPDATE listing_products SET source = ? WHERE product_id = ?', JSON.stringify(source), productId);
      }
      this.recompute(source);
      touched.add(productId);
    }
    this.publish(touched);
  }

  /** Products whose content (title, main picture, SKUs) changed in D1: reread those the feeds show. */
  async productsChanged(productIds: string[]): Promise<void> {
    const tracked = productIds.filter((id) => this.sourceOf(id) !== null);
    if (tracked.length === 0) return;
    const sources = await listingSources(this.host.db, tracked);
    for (const source of sources) this.store(source);
    this.index();
    this.publish(new Set(tracked));
  }

  /** Starts tracking the products no feed showed yet, from D1. */
  private async track(productIds: string[]): Promise<void> {
    const fresh = productIds.filter((id) => this.sourceOf(id) === null);
    if (fresh.length === 0) return;
    for (const source of await listingSources(this.host.db, fresh)) {
      // Another call may have tracked it meanwhile; pushes since then are in its line already.
      if (this.sourceOf(source.productId) === null) this.store(source);
    }
  }

  private sourceOf(productId: string): ListingSource | null {
    const row = this.sql
      .exec<ProductRow>('SELECT source, entry, rev FROM listing_products WHERE product_id = ?', productId)
      .toArray()[0];
    return row ? (JSON.parse(row.source) as ListingSource) : null;
  }

  private store(source: ListingSource): void {
    this.sql.exec(
      `INSERT INTO listing_products (product_id, source, entry, rev) VALUES (?, ?, '', 0)
       ON CONFLICT (product_id) DO UPDATE SET source = excluded.source`,
      source.productId,
      JSON.stringify(source),
    );
    this.recompute(source);
  }

  /** Recomputes a product's line; a line that shows something new gets the next `rev`. */
  private recompute(source: ListingSource): void {
    const skus = source.skuIds.flatMap((id) => {
      const entry = this.host.skuEntry(id);
      return entry ? [entry] : [];
    });
    const entry = JSON.stringify(listingEntryOf(source, skus, clock.now()));
    const changed = this.sql.exec(
      'UPDATE listing_products SET entry = ? WHERE product_id = ? AND entry != ?',
      entry,
      source.productId,
      entry,
    ).rowsWritten;
    if (changed === 0) return;
    const rev = this.sql.exec<{ rev: number }>('UPDATE listing_seq SET rev = rev + 1 RETURNING rev').one().rev;
    this.sql.exec('UPDATE listing_products SET rev = ? WHERE product_id = ?', rev, source.productId);
  }

  /** Puts these products' lines into every loaded feed that shows them. */
  private publish(productIds: Set<string>): void {
    const byRoom = new Map<string, string[]>();
    for (const id of productIds) {
      for (const room of this.viewsOfProduct.get(id) ?? []) {
        const ids = byRoom.get(room) ?? [];
        ids.push(id);
        byRoom.set(room, ids);
      }
    }
    for (const [room, ids] of byRoom) {
      const view = this.views.get(room);
      if (view) this.show(room, view, ids);
    }
  }

  /** Sets, in one change of the feed's document, the lines (and SKU entries) it lacks of these products. */
  private show(room: string, view: FeedView, productIds: string[]): void {
    const { doc } = this.host.room(room);
    const lines = doc.getMap<ListingEntry>(LISTING_MAP);
    const skuLines = doc.getMap<CatalogEntry>(LISTING_SKU_MAP);
    let shown = 0;
    doc.transact(() => {
      for (const productId of productIds) {
        const row = this.sql
          .exec<ProductRow>('SELECT source, entry, rev FROM listing_products WHERE product_id = ?', productId)
          .toArray()[0];
        if (!row || row.entry === '') {
          if (lines.has(productId)) lines.delete(productId);
          continue;
        }
        if (lines.get(productId)?.rev !== row.rev) {
          lines.set(productId, { ...JSON.parse(row.entry), rev: row.rev });
          shown = Math.max(shown, row.rev);
        }
        if (!view.withSkus) continue;
        for (const skuId of (JSON.parse(row.source) as ListingSource).skuIds) {
          const entry = this.host.skuEntry(skuId);
          if (entry && (skuLines.get(skuId)?.rev ?? 0) < entry.rev) skuLines.set(skuId, entry);
        }
      }
    }, SERVER_ORIGIN);
    if (shown > 0) this.host.stamp(room, shown);
  }

  /** After a restart or hibernation: the feeds that still have sockets are loaded again, and kept live. */
  private index(): void {
    if (this.indexed) return;
    this.indexed = true;
    for (const room of this.host.liveRooms()) {
      const viewId = room.startsWith(catalogFeedRoom('')) ? room.slice(catalogFeedRoom('').length) : null;
      if (viewId) this.open(room, viewId);
    }
  }

  /** Retires feeds unused for a week that nobody is connected to. */
  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    const stale = this.sql
      .exec<{ view_id: string }>(
        'SELECT view_id FROM listing_views WHERE used_at < ? LIMIT ?',
        now - RETIRE_AFTER_MS,
        SWEEP_BATCH,
      )
      .toArray();
    for (const { view_id } of stale) {
      const room = catalogFeedRoom(view_id);
      if (!this.host.forgetRoom(room)) continue;
      this.sql.exec('DELETE FROM listing_views WHERE view_id = ?', view_id);
      this.forgetView(room);
    }
  }

  private forgetView(room: string): void {
    for (const id of this.views.get(room)?.productIds ?? []) this.viewsOfProduct.get(id)?.delete(room);
    this.views.delete(room);
  }
}
