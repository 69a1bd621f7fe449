/**
 * The runtime's floor for `npm run bench:floor` and `npm run bench:flash`: a Worker and Durable
 * Objects that do nothing their benchmark does not need, on the hub's paths, with no Hono, no zod,
 * no Yjs.
 *
 * Fan-out (bench:floor, bench:fanout): one object, `Crowd`, whose sockets are upgraded through the
 * Worker into it and accepted with the Hibernation API; `POST /broadcast` sends its body to every
 * socket.
 *
 * Orders (bench:flash): the hub's hops for a flash-sale order, bare. `POST /orders` goes to the
 * buyer's own object (`Buyer`, by member id), which calls the hot SKU's object (`Hot`, by SKU id)
 * to reserve a unit (check and decrement in one turn, one unit per member), then keeps the order
 * and queues it in its outbox in one turn; its alarm hands the outbox 300 ms later to a
 * recorder (`Recorder`, one of four), which writes many buyers' flushes to D1 in one batch. The
 * hot SKU writes its stock to D1 through its own alarm, at most every 300 ms.
 * `POST /setup` creates the D1 tables, `POST /skus` a hot SKU, `GET /skus/:id` answers its
 * object's stock, `GET /d1/:skuId` D1's stock and order count of it.
 */
import { DurableObject } from 'cloudflare:workers';
import { GroupCommit } from '../../workers/platform/groupCommit';
import { objectName } from '../../workers/platform/objectName';
import { shardOf } from '../../workers/platform/shardOf';

interface FloorEnv {
  CROWD: DurableObjectNamespace<Crowd>;
  BUYER: DurableObjectNamespace<Buyer>;
  HOT: DurableObjectNamespace<Hot>;
  RECORDER: DurableObjectNamespace<Recorder>;
  DB: D1Database;
}

/** How long an order waits in its buyer's outbox, and the least time between two stock writes to D1. */
const FLUSH_MS = 300;

export class Crowd extends DurableObject<FloorEnv> {
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get('Upgrade') === 'websocket') {
      const { 0: client, 1: server } = new WebSocketPair();
      this.ctx.acceptWebSocket(server);
      return new Response(null, { status: 101, webSocket: client });
    }
    const frame = new Uint8Array(await request.arrayBuffer());
    for (const socket of this.ctx.getWebSockets()) socket.send(frame);
    return new Response(null, { status: 204 });
  }
}

export interface FloorOrder {
  id: string;
  memberId: string;
  skuId: string;
  qty: number;
  createdAt: number;
}

/** What a reservation or an order answers when it is refused. */
export interface Refused {
  refused: 'out_of_stock' | 'flash_sale_limit' | 'not_found';
}

type Reserved = { reserved: true } | Refused;
type Placed = { order: FloorOrder; created: boolean } | Refused;

interface OrderRow extends Record<string, SqlStorageValue> {
  id: string;
  sku_id: string;
  qty: number;
  created_at: number;
}

/** One member's orders: kept here, and queued in an outbox for D1 in the turn they are accepted. */
export class Buyer extends DurableObject<FloorEnv> {
  private readonly memberId: string;
  /** The alarm as last read or set; undefined until read once. */
  private alarmAt: number | null | undefined;

  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    this.memberId = objectName(ctx);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS orders (
      id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, sku_id TEXT NOT NULL, qty INTEGER NOT NULL,
      created_at INTEGER NOT NULL)`);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS outbox (order_id TEXT PRIMARY KEY)');
  }

  /**
   * Places an order of `qty` units of `skuId`, or answers the one placed earlier with `key`. The
   * order's id comes from the key, so a retry reserves the same order again (which changes nothing).
   */
  async place(key: string, skuId: string, qty: number): Promise<Placed> {
    const earlier = this.orderByKey(key);
    if (earlier) return { order: earlier, created: false };
    const orderId = `${this.memberId}/${key}`;
    const reserved = await this.env.HOT.getByName(skuId).reserve(orderId, qty, this.memberId);
    if ('refused' in reserved) return { refused: reserved.refused };
    const sql = this.ctx.storage.sql;
    const createdAt = Date.now();
    const inserted = sql.exec(
      'INSERT INTO orders (id, idempotency_key, sku_id, qty, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      orderId,
      key,
      skuId,
      qty,
      createdAt,
    ).rowsWritten;
    // The same key placed twice at once: the first to get here placed it.
    if (inserted === 0) {
      const placed = this.orderByKey(key);
      if (placed) return { order: placed, created: false };
    }
    sql.exec('INSERT INTO outbox (order_id) VALUES (?)', orderId);
    await this.flushSoon();
    return { order: { id: orderId, memberId: this.memberId, skuId, qty, createdAt }, created: true };
  }

  /** Writes every queued order to D1 in one batch, then takes them out of the outbox. */
  override async alarm(): Promise<void> {
    this.alarmAt = Date.now(); // running: an order placed meanwhile leaves the next alarm to this one
    const sql = this.ctx.storage.sql;
    const queued = sql
      .exec<OrderRow>('SELECT o.id, o.sku_id, o.qty, o.created_at FROM outbox JOIN orders o ON o.id = outbox.order_id')
      .toArray();
    if (queued.length > 0) {
      try {
        const rows = queued.map((o) => ({ ...o, member_id: this.memberId }));
        const refused = await this.env.RECORDER.getByName(`orders-${shardOf(this.memberId, RECORDERS)}`).record(rows);
        if (refused !== null) throw new Error(refused);
        for (const o of queued) sql.exec('DELETE FROM outbox WHERE order_id = ?', o.id);
      } catch (error) {
        console.error(`buyer ${this.memberId}: outbox flush failed, retrying`, error);
      }
    }
    const left = sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM outbox').one().n;
    this.alarmAt = left > 0 ? Date.now() + FLUSH_MS : null;
    if (this.alarmAt !== null) await this.ctx.storage.setAlarm(this.alarmAt);
  }

  private orderByKey(key: string): FloorOrder | null {
    const row = this.ctx.storage.sql
      .exec<OrderRow>('SELECT id, sku_id, qty, created_at FROM orders WHERE idempotency_key = ?', key)
      .toArray()[0];
    return row
      ? { id: row.id, memberId: this.memberId, skuId: row.sku_id, qty: row.qty, createdAt: row.created_at }
      : null;
  }

  /** An alarm FLUSH_MS from now, unless one is set already. */
  private async flushSoon(): Promise<void> {
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm();
    if (this.alarmAt !== null) return;
    this.alarmAt = Date.now() + FLUSH_MS;
    await this.ctx.storage.setAlarm(this.alarmAt);
  }
}

/** As the hub's order recorders (workers/orders/OrderRecorder.ts): members' flushes spread over four. */
const RECORDERS = 4;

type RecordedRow = OrderRow & { member_id: string };

/**
 * Writes buyers' flushes to D1, many buyers' in one batch (the hub's `GroupCommit`, as its
 * order recorders do); keeps nothing.
 */
export class Recorder extends DurableObject<FloorEnv> {
  private readonly commits = new GroupCommit<RecordedRow>(async (rows) => {
    const insert = this.env.DB.prepare(
      'INSERT INTO orders (id, member_id, sku_id, qty, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    await this.env.DB.batch(rows.map((o) => insert.bind(o.id, o.member_id, o.sku_id, o.qty, o.created_at)));
  }, 100);

  /** Null once D1 has the rows, else why it refused them. */
  async record(rows: RecordedRow[]): Promise<string | null> {
    return this.commits.add(rows).then(
      () => null,
      (error: unknown) => String(error),
    );
  }
}

/** One hot SKU: its stock and who holds how many of it; D1 gets its stock through the alarm. */
export class Hot extends DurableObject<FloorEnv> {
  private readonly skuId: string;
  /** Whether an alarm is set (or running); undefined until read once. */
  private alarmSet: boolean | undefined;
  /** The stock D1 was last given, and when. */
  private flushedStock: number | null = null;
  private flushedAt = 0;

  constructor(ctx: DurableObjectState, env: FloorEnv) {
    super(ctx, env);
    this.skuId = objectName(ctx);
    const sql = ctx.storage.sql;
    sql.exec('CREATE TABLE IF NOT EXISTS sku (id INTEGER PRIMARY KEY CHECK (id = 0), stock INTEGER NOT NULL)');
    sql.exec(`CREATE TABLE IF NOT EXISTS reservations (
      order_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, qty INTEGER NOT NULL)`);
    sql.exec('CREATE INDEX IF NOT EXISTS reservations_member ON reservations (member_id)');
  }

  /** Creates the SKU with `stock` here and in D1. */
  async create(stock: number): Promise<void> {
    this.ctx.storage.sql.exec(
      'INSERT INTO sku (id, stock) VALUES (0, ?) ON CONFLICT (id) DO UPDATE SET stock = excluded.stock',
      stock,
    );
    await this.env.DB.prepare(
      'INSERT INTO skus (id, stock) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET stock = excluded.stock',
    )
      .bind(this.skuId, stock)
      .run();
    this.flushedStock = stock;
  }

  /** The stock left, or null when the SKU was never created. */
  stock(): number | null {
    return this.ctx.storage.sql.exec<{ stock: number }>('SELECT stock FROM sku').toArray()[0]?.stock ?? null;
  }

  /**
   * Holds `qty` units for the order; check and decrement in one synchronous turn. Reserving an
   * order again changes nothing; a member already holding units of this SKU is refused.
   */
  async reserve(orderId: string, qty: number, memberId: string): Promise<Reserved> {
    const sql = this.ctx.storage.sql;
    if (sql.exec('SELECT 1 FROM reservations WHERE order_id = ?', orderId).toArray().length > 0)
      return { reserved: true };
    const stock = this.stock();
    if (stock === null) return { refused: 'not_found' };
    if (stock < qty) return { refused: 'out_of_stock' };
    if (sql.exec('SELECT 1 FROM reservations WHERE member_id = ? LIMIT 1', memberId).toArray().length > 0)
      return { refused: 'flash_sale_limit' };
    sql.exec('UPDATE sku SET stock = stock - ?', qty);
    sql.exec('INSERT INTO reservations (order_id, member_id, qty) VALUES (?, ?, ?)', orderId, memberId, qty);
    await this.flushSoon();
    return { reserved: true };
  }

  /** Writes the stock to D1 (one statement), and again FLUSH_MS later if it changed meanwhile. */
  override async alarm(): Promise<void> {
    this.alarmSet = true;
    const stock = this.stock();
    if (stock !== null && stock !== this.flushedStock) {
      try {
        await this.env.DB.prepare('UPDATE skus SET stock = ? WHERE id = ?').bind(stock, this.skuId).run();
        this.flushedStock = stock;
      } catch (error) {
        console.error(`hot ${this.skuId}: stock flush failed, retrying`, error);
      }
    }
    this.flushedAt = Date.now();
    this.alarmSet = this.stock() !== this.flushedStock;
    if (this.alarmSet) await this.ctx.storage.setAlarm(this.flushedAt + FLUSH_MS);
  }

  /** An alarm as soon as FLUSH_MS have passed since the last write to D1, unless one is set already. */
  private async flushSoon(): Promise<void> {
    if (this.alarmSet === undefined) this.alarmSet = (await this.ctx.storage.getAlarm()) !== null;
    if (this.alarmSet) return;
    this.alarmSet = true;
    await this.ctx.storage.setAlarm(Math.max(Date.now(), this.flushedAt + FLUSH_MS));
  }
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const refusal = (status: number, code: string): Response => json(status, { error: { code } });

const SETUP = [
  'CREATE TABLE IF NOT EXISTS skus (id TEXT PRIMARY KEY, stock INTEGER NOT NULL)',
  `CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, member_id TEXT NOT NULL, sku_id TEXT NOT NULL,
    qty INTEGER NOT NULL, created_at INTEGER NOT NULL)`,
  'CREATE INDEX IF NOT EXISTS orders_sku ON orders (sku_id)',
];

const placeOrder = async (request: Request, env: FloorEnv): Promise<Response> => {
  const key = request.headers.get('Idempotency-Key');
  const body = (await request.json().catch(() => null)) as { memberId?: unknown; skuId?: unknown; qty?: unknown };
  const { memberId, skuId, qty } = body ?? {};
  if (!key || typeof memberId !== 'string' || typeof skuId !== 'string' || !Number.isInteger(qty) || Number(qty) < 1)
    return refusal(400, 'invalid_request');
  const placed = await env.BUYER.getByName(memberId).place(key, skuId, Number(qty));
  if ('refused' in placed) return refusal(placed.refused === 'not_found' ? 404 : 409, placed.refused);
  return json(placed.created ? 201 : 200, placed.order);
};

const createSku = async (request: Request, env: FloorEnv): Promise<Response> => {
  const { skuId, stock } = ((await request.json().catch(() => null)) ?? {}) as { skuId?: unknown; stock?: unknown };
  if (typeof skuId !== 'string' || !Number.isInteger(stock) || Number(stock) < 0)
    return refusal(400, 'invalid_request');
  await env.HOT.getByName(skuId).create(Number(stock));
  return json(201, { skuId, stock });
};

const d1Figures = async (env: FloorEnv, skuId: string): Promise<Response> => {
  const row = await env.DB.prepare(
    'SELECT (SELECT stock FROM skus WHERE id = ?1) AS stock, (SELECT COUNT(*) FROM orders WHERE sku_id = ?1) AS orders',
  )
    .bind(skuId)
    .first<{ stock: number | null; orders: number }>();
  return json(200, { stock: row?.stock ?? null, orders: row?.orders ?? 0 });
};

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path === '/health') return new Response('ok');
    if (path === '/orders' && request.method === 'POST') return placeOrder(request, env);
    if (path === '/skus' && request.method === 'POST') return createSku(request, env);
    if (path.startsWith('/skus/') && request.method === 'GET') {
      const stock = await env.HOT.getByName(decodeURIComponent(path.slice('/skus/'.length))).stock();
      return stock === null ? refusal(404, 'not_found') : json(200, { stock });
    }
    if (path.startsWith('/d1/') && request.method === 'GET')
      return d1Figures(env, decodeURIComponent(path.slice('/d1/'.length)));
    if (path === '/setup' && request.method === 'POST') {
      await env.DB.batch(SETUP.map((statement) => env.DB.prepare(statement)));
      return new Response(null, { status: 204 });
    }
    return env.CROWD.get(env.CROWD.idFromName('crowd')).fetch(request);
  },
} satisfies ExportedHandler<FloorEnv>;
