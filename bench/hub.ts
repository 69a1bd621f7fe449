/**
 * The hub under benchmark: a real `wrangler dev` of this project (fresh persistence directory,
 * D1 migrated and seeded, started by the end-to-end tests' WranglerDev), its admin API as an
 * operator calls it, and the workerd processes behind it.
 */

import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { SkuPatch } from '../shared/api/admin';
import type { NewFlashSale } from '../shared/api/flashSales';
import { CHANNELS_MAP, type ChannelMonitor } from '../shared/docs/monitor';
import type { SkuState } from '../shared/docs/sku';
import { MONITOR_ROOM } from '../shared/rooms';
import { E2E_ADMIN_TOKEN, WranglerDev } from '../test/e2e/support/wranglerDev';
import type { Inspected } from './cpuProfile';
import { type WranglerProcesses, wranglerProcesses } from './procs';

const CALL_TIMEOUT_MS = 120_000;

export interface NewSku {
  title: string;
  price: number;
  stock: number;
}

export class Hub {
  private constructor(private readonly dev: WranglerDev) {}

  /** Creates a fresh persistence directory (migrated, seeded) and starts wrangler dev on it. */
  static async start(): Promise<Hub> {
    const dev = await WranglerDev.create();
    try {
      await dev.start();
    } catch (error) {
      await dev.dispose();
      throw error;
    }
    return new Hub(dev);
  }

  get httpUrl(): string {
    return this.dev.httpUrl;
  }

  get syncUrl(): string {
    return this.dev.syncUrl;
  }

  get port(): number {
    return this.dev.port;
  }

  /** The Worker's DevTools inspector and build, for `bench/cpuProfile.ts`. */
  get inspected(): Inspected {
    return { inspectorPort: this.dev.inspectorPort, buildDir: '.wrangler/tmp' };
  }

  logs(): string {
    return this.dev.logs();
  }

  /** Finds both workerd processes and the worker's own entry port. */
  processes(): Promise<WranglerProcesses> {
    return wranglerProcesses(this.port, (body) => body.includes('"ok":true'));
  }

  /** `POST /api/admin/products`; returns the created SKUs (rev 1). */
  async createProduct(title: string, skus: NewSku[]): Promise<SkuState[]> {
    const created = await this.call<{ skus: SkuState[] }>('POST', '/api/admin/products', 201, { title, skus });
    return created.skus;
  }

  /** `POST /api/admin/categories`; returns the new category's id. */
  async createCategory(name: string, parentId?: string): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/api/admin/categories', 201, { name, parentId })).id;
  }

  /** `POST /api/admin/products` with a whole product body; returns its id and SKUs. */
  createFullProduct(body: Record<string, unknown>): Promise<{ productId: string; skus: SkuState[] }> {
    return this.call('POST', '/api/admin/products', 201, body);
  }

  /** `PATCH /api/admin/skus/<skuId>`; returns the new state. */
  patchSku(skuId: string, patch: SkuPatch, base = this.httpUrl): Promise<SkuState> {
    return this.call<SkuState>('PATCH', `/api/admin/skus/${skuId}`, 200, patch, base);
  }

  /** `POST /api/admin/skus/batch` (at most 100 edits); returns the new states. */
  async batchEdit(edits: Array<SkuPatch & { skuId: string }>, base = this.httpUrl): Promise<SkuState[]> {
    return (await this.call<{ skus: SkuState[] }>('POST', '/api/admin/skus/batch', 200, { edits }, base)).skus;
  }

  /** `GET /api/skus/<skuId>`: the edge Worker asks the SKU's room (no write). */
  getSku(skuId: string, base = this.httpUrl): Promise<SkuState> {
    return this.call<SkuState>('GET', `/api/skus/${skuId}`, 200, undefined, base);
  }

  /** `POST /api/admin/flash-sales`; returns the stored sale. */
  createFlashSale(sale: NewFlashSale): Promise<{ id: string; status: string }> {
    return this.call('POST', '/api/admin/flash-sales', 201, sale);
  }

  /** The monitoring page's channel cards as they stand (the `monitor` room, opened with a socket ticket). */
  async monitorChannels(): Promise<Record<string, ChannelMonitor>> {
    const doc = new Y.Doc();
    const { ticket } = await this.call<{ ticket: string }>('POST', '/api/admin/socket-tickets', 201);
    const provider = new WebsocketProvider(this.syncUrl, MONITOR_ROOM, doc, {
      params: { channel: 'pc', ticket },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the monitor room did not sync')), CALL_TIMEOUT_MS);
        provider.on('sync', (synced: boolean) => {
          if (!synced) return;
          clearTimeout(timer);
          resolve();
        });
      });
      return doc.getMap<ChannelMonitor>(CHANNELS_MAP).toJSON() as Record<string, ChannelMonitor>;
    } finally {
      provider.destroy();
      doc.destroy();
    }
  }

  /** Reads the hub's local D1 database, as the back office sees it. */
  queryD1<Row>(sql: string): Promise<Row[]> {
    return this.dev.queryD1<Row>(sql);
  }

  /** Stops wrangler dev and starts it again on the same port and data, as a deploy does; resolves once it answers. */
  async restart(): Promise<{ stoppedAt: number; backAt: number }> {
    await this.dev.stop();
    const stoppedAt = Date.now();
    await this.dev.start();
    return { stoppedAt, backAt: Date.now() };
  }

  /** Stops wrangler dev and deletes its persistence directory. */
  async stop(): Promise<void> {
    await this.dev.dispose();
  }

  private async call<T>(
    method: string,
    path: string,
    expected: number,
    body?: unknown,
    base = this.httpUrl,
  ): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status !== expected)
      throw new Error(`${method} ${path}: expected ${expected}, got ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}
