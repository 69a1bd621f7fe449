import { DurableObject } from 'cloudflare:workers';
import { z } from 'zod';
import { toBeijingTime } from '../../minishop/beijingTime';
import type { EmulatorEnv } from '../env';
import { errorReply, okReply, type Reply } from '../replies';
import { type FreightTemplateRecord, generateShop, type OrderRecord, type StoreInfoRecord } from '../seed/generateShop';
import { SEEDED_SHOPS, type ShopProfile } from '../seed/profiles';
import { CatalogRecords } from './catalogRecords';
import { endpoints, readBody } from './endpoints';
import { type Fault, FaultSchedule } from './faults';
import { pngOf } from './mediaImages';
import { OrderRecords } from './orderRecords';
import { SHOP_TABLES } from './tables';
import { TokenLedger } from './tokens';

export const orderChangeSchema = z.strictObject({
  status: z.int().optional(),
  openAfterSale: z.boolean().optional(),
});
export const newProductSchema = z.strictObject({
  title: z.string().min(1),
  status: z.int().default(5),
  skus: z.array(z.strictObject({ price: z.int().min(0), stock: z.int().min(0) })).min(1),
});

const attr = z.strictObject({ attr_key: z.string(), attr_value: z.string() });
/** A merchant's edit of a product, in the API's own field names; SKUs are named by id. */
export const productChangeSchema = z.strictObject({
  title: z.string().min(1).optional(),
  sub_title: z.string().optional(),
  head_img: z.array(z.url()).optional(),
  desc_info: z.strictObject({ desc: z.string().optional(), imgs: z.array(z.url()) }).optional(),
  cats: z.array(z.strictObject({ cat_id: z.string().regex(/^\d+$/), level: z.int() })).optional(),
  attrs: z.array(attr).optional(),
  status: z.int().optional(),
  skus: z
    .array(
      z.strictObject({
        sku_id: z.string().regex(/^\d+$/),
        thumb_img: z.url().optional(),
        sku_attrs: z.array(attr).optional(),
        sale_price: z.int().min(0).optional(),
        stock_num: z.int().min(0).optional(),
      }),
    )
    .optional(),
});

/** Ids of products added through the control route: above 2^53, apart from the seeded ones. */
const ADDED_PRODUCT_BASE = 3n * 2n ** 53n;

/**
 * One emulated Mini-Shop: its catalog, orders, tokens and scripted faults in SQLite, so the
 * emulator is consistent across requests and survives restarts. Seeded once, from its profile.
 */
export class EmulatedShop extends DurableObject<EmulatorEnv> {
  private readonly sql = this.ctx.storage.sql;
  private readonly tokens = new TokenLedger(this.sql);
  private readonly faults = new FaultSchedule(this.sql);
  private readonly catalog = new CatalogRecords(this.sql);
  private readonly orders = new OrderRecords(this.sql);
  private readonly handlers = endpoints({
    catalog: this.catalog,
    orders: this.orders,
    freightTemplates: () => this.meta<FreightTemplateRecord[]>('freight_templates') ?? [],
    storeInfo: () => this.meta<StoreInfoRecord>('store_info') ?? { store_name: '' },
  });

  constructor(ctx: DurableObjectState, env: EmulatorEnv) {
    super(ctx, env);
    this.sql.exec(SHOP_TABLES);
  }

  /** Creates the shop from its profile the first time; later calls leave the data as it is. */
  register(profile: ShopProfile): { appid: string; products: Record<string, number>; orders: Record<string, number> } {
    if (!this.profile()) {
      const data = generateShop(profile);
      this.ctx.storage.transactionSync(() => {
        this.setMeta('profile', profile);
        this.setMeta('freight_templates', data.freightTemplates);
        this.setMeta('store_info', data.storeInfo);
        for (const spu of data.spus)
          this.catalog.insert(
            spu,
            data.skus.filter((sku) => sku.product_id === spu.product_id),
          );
        for (const order of data.orders) this.orders.put(order);
      });
    }
    return this.summary(profile.appid);
  }

  /** `/cgi-bin/token` and `/cgi-bin/stable_token`. */
  issueToken(path: string, appid: string, secret: string | undefined, now: number): Reply {
    const profile = this.profileOrSeeded(appid);
    if (!profile) return errorReply(40013);
    const fault = this.faults.take(path);
    if (fault) return fault;
    if (secret !== profile.secret) return errorReply(40125);
    return okReply(this.tokens.issue(appid, now));
  }

  /** A picture the shop names (`mediaImages.ts`), or the failure scripted for its path. */
  picture(path: string): { status: number; png?: Uint8Array } {
    const fault = this.faults.take(path);
    if (fault) return { status: fault.status >= 400 ? fault.status : 500 };
    const name = /^\/media\/[^/]+\/([\w-]+)\.png$/.exec(path)?.[1];
    return name ? { status: 200, png: pngOf(name) } : { status: 404 };
  }

  /** A business call under `/product/`, authenticated by its access token; every call is counted. */
  call(path: string, bodyText: string, token: string, now: number): Reply {
    this.sql.exec('INSERT INTO calls (path, n) VALUES (?, 1) ON CONFLICT (path) DO UPDATE SET n = n + 1', path);
    const check = this.tokens.check(token, now);
    if (check !== 'valid') return errorReply(check === 'expired' ? 42001 : 40001);
    const fault = this.faults.take(path);
    if (fault) return fault;
    const handler = this.handlers[path];
    if (!handler) return errorReply(40066, path);
    const read = readBody(bodyText);
    return 'json' in read ? handler(read.json, now) : read.refused;
  }

  injectFault(fault: Fault): void {
    this.faults.add(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  expireTokens(now: number): void {
    this.tokens.expireAll(now);
  }

  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  /** Changes an order as the shop or buyer would; its update_time moves to now. */
  changeOrder(orderId: string, change: z.output<typeof orderChangeSchema>, now: number): OrderRecord | null {
    const order = this.orders.get(orderId);
    if (!order) return null;
    const lines = order.order_detail.product_infos;
    const openAfterSale = change.openAfterSale;
    // An unpaid order that moves on was paid now, as a buyer paying would leave it.
    const paysNow = order.status === 10 && change.status !== undefined && change.status !== 10;
    const payInfo = order.order_detail.pay_info;
    const changed: OrderRecord = {
      ...order,
      status: change.status ?? order.status,
      update_time: toBeijingTime(now),
      order_detail: {
        ...order.order_detail,
        pay_info: paysNow ? { ...payInfo, transaction_id: `4200${orderId}`, pay_time: toBeijingTime(now) } : payInfo,
        product_infos:
          openAfterSale === undefined
            ? lines
            : lines.map((line, i) => ({ ...line, on_aftersale_sku_cnt: openAfterSale && i === 0 ? 1 : 0 })),
      },
      aftersale_detail:
        openAfterSale === undefined
          ? order.aftersale_detail
          : {
              aftersale_order_list: order.aftersale_detail?.aftersale_order_list ?? [],
              on_aftersale_order_cnt: openAfterSale ? 1 : 0,
            },
    };
    this.orders.put(changed);
    return changed;
  }

  /** Adds a product as the merchant would in the Mini-Shop admin. */
  addProduct(input: z.output<typeof newProductSchema>): { product_id: string; sku_ids: string[] } {
    const total = Object.values(this.catalog.counts()).reduce((sum, n) => sum + n, 0);
    const productId = (ADDED_PRODUCT_BASE + BigInt(total)).toString();
    const skus = input.skus.map((sku, k) => ({
      product_id: productId,
      sku_id: (BigInt(productId) * 10n + BigInt(k + 1)).toString(),
      sale_price: sku.price,
      market_price: sku.price,
      stock_num: sku.stock,
      sku_attrs: [],
      status: 5,
    }));
    this.catalog.insert(
      {
        product_id: productId,
        title: input.title,
        head_img: [],
        cats: [],
        attrs: [],
        status: input.status,
        edit_status: 4,
        min_price: Math.min(...input.skus.map((sku) => sku.price)),
        skus: skus.map(({ sku_id }) => ({ sku_id })),
      },
      skus,
    );
    return { product_id: productId, sku_ids: skus.map((sku) => sku.sku_id) };
  }

  /** Changes a product as the merchant would in the Mini-Shop admin; null when it or one of its SKUs is unknown. */
  changeProduct(productId: string, change: z.output<typeof productChangeSchema>): { product_id: string } | null {
    const spu = this.catalog.spu(productId);
    if (!spu) return null;
    const { skus: skuChanges = [], ...fields } = change;
    const skus = this.catalog.skusOf(productId);
    if (skuChanges.some((c) => !skus.some((sku) => sku.sku_id === c.sku_id))) return null;
    this.ctx.storage.transactionSync(() =>
      this.catalog.update(
        { ...spu, ...fields },
        skus.map((sku) => ({ ...sku, ...skuChanges.find((c) => c.sku_id === sku.sku_id) })),
      ),
    );
    return { product_id: productId };
  }

  /** How many business calls of each path the shop has answered. */
  calls(): Record<string, number> {
    const rows = this.sql.exec<{ path: string; n: number }>('SELECT path, n FROM calls').toArray();
    return Object.fromEntries(rows.map((row) => [row.path, row.n]));
  }

  summary(appid: string) {
    return { appid, products: this.catalog.counts(), orders: this.orders.counts() };
  }

  private profileOrSeeded(appid: string): ShopProfile | null {
    const seeded = SEEDED_SHOPS.find((shop) => shop.appid === appid);
    if (!this.profile() && seeded) this.register(seeded);
    return this.profile();
  }

  private profile(): ShopProfile | null {
    return this.meta<ShopProfile>('profile');
  }

  private meta<T>(key: string): T | null {
    const [row] = this.sql.exec<{ json: string }>('SELECT json FROM meta WHERE key = ?', key).toArray();
    return row ? (JSON.parse(row.json) as T) : null;
  }

  private setMeta(key: string, value: unknown): void {
    this.sql.exec('INSERT OR REPLACE INTO meta (key, json) VALUES (?, ?)', key, JSON.stringify(value));
  }
}
