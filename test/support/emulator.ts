import { env } from 'cloudflare:test';
import type { z } from 'zod';
import type { OrderRecord } from '../../workers/emulator/seed/generateShop';
import type { ShopProfile } from '../../workers/emulator/seed/profiles';
import type { productChangeSchema } from '../../workers/emulator/shop/EmulatedShop';
import type { BackoffPolicy } from '../../workers/minishop/api/backoff';
import { createMiniShopClient, type MiniShopClientOptions } from '../../workers/minishop/api/client';

declare global {
  namespace Cloudflare {
    interface Env {
      EMULATOR_CONTROL_SECRET: string;
      MINISHOP_EMULATOR?: Fetcher;
    }
  }
}

export const EMULATOR_BASE = 'http://emulator.test';

/** The Mini-Shop emulator, an auxiliary Worker in vitest.config.ts. */
export const emulator = (): Fetcher => {
  if (!env.MINISHOP_EMULATOR) throw new Error('the MINISHOP_EMULATOR service binding is missing');
  return env.MINISHOP_EMULATOR;
};

/** Every call the client makes, as "METHOD path", in order. */
export interface CallLog {
  calls: string[];
  count(path: string): number;
}

/** `fetch` through the service binding, recording each call. */
export const recordingFetch = (): { fetch: typeof fetch; log: CallLog } => {
  const calls: string[] = [];
  const log = { calls, count: (path: string) => calls.filter((call) => call.endsWith(` ${path}`)).length };
  const fetchVia: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
    return emulator().fetch(request);
  };
  return { fetch: fetchVia, log };
};

/** Backoff that records the delays it was asked for instead of waiting. */
export const instantBackoff = (): { backoff: Partial<BackoffPolicy>; delays: number[] } => {
  const delays: number[] = [];
  return {
    delays,
    backoff: {
      attempts: 4,
      random: () => 0.999,
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
  };
};

/** Calls the emulator's control route with its secret. */
export const control = (method: string, path: string, body?: unknown) =>
  emulator().fetch(`${EMULATOR_BASE}/__control${path}`, {
    method,
    headers: { Authorization: `Bearer ${env.EMULATOR_CONTROL_SECRET}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** A fresh shop of its own, so a test's faults and shipments touch no other test. */
export const newShop = async (
  sizes: { products?: number; orders?: number; seed?: number } = {},
): Promise<ShopProfile> => {
  const profile: ShopProfile = {
    appid: `wxtest${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`,
    secret: 'test-shop-secret',
    name: 'Test shop',
    seed: sizes.seed ?? 7,
    products: sizes.products ?? 40,
    orders: sizes.orders ?? 300,
  };
  const response = await control('POST', '/shops', profile);
  if (response.status !== 201) throw new Error(`shop not created: ${response.status} ${await response.text()}`);
  return profile;
};

export const injectFault = async (
  appid: string,
  fault: { path: string; errcode?: number; httpStatus?: number; count?: number },
) => {
  const response = await control('POST', `/shops/${appid}/faults`, fault);
  if (response.status !== 204) throw new Error(`fault not injected: ${response.status} ${await response.text()}`);
};

/** How many business calls of each path the shop has answered (the hub's calls included). */
export const sourceCalls = async (appid: string): Promise<Record<string, number>> => {
  const response = await control('GET', `/shops/${appid}/calls`);
  if (response.status !== 200) throw new Error(`calls not read: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { calls: Record<string, number> }).calls;
};

/** Changes a product at the Mini-Shop, as its merchant would (`productChangeSchema`). */
export const changeSourceProduct = async (
  appid: string,
  productId: string,
  change: z.input<typeof productChangeSchema>,
) => {
  const response = await control('PATCH', `/shops/${appid}/products/${productId}`, change);
  if (response.status !== 200) throw new Error(`product not changed: ${response.status} ${await response.text()}`);
};

/** The real client for `profile`, reaching the emulator through the service binding. */
export const clientFor = (profile: ShopProfile, options: Partial<MiniShopClientOptions> = {}) => {
  const { fetch, log } = recordingFetch();
  const { backoff, delays } = instantBackoff();
  const client = createMiniShopClient({
    baseUrl: EMULATOR_BASE,
    credentials: { appid: profile.appid, secret: profile.secret },
    fetch,
    backoff,
    ...options,
  });
  return { client, log, delays };
};

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

export const deliveryMethod = (order: OrderRecord) => order.order_detail.delivery_info.delivery_method;
export const noAfterSale = (order: OrderRecord) =>
  order.order_detail.product_infos.every((p) => p.on_aftersale_sku_cnt === 0);

/**
 * Hands out seeded orders matching a condition, each once, so the tests of a file never ship
 * the same order.
 */
export const orderPicker = (orders: () => OrderRecord[]) => {
  const used = new Set<string>();
  return (match: (order: OrderRecord) => boolean): OrderRecord => {
    const order = orders().find((o) => !used.has(o.order_id) && match(o));
    if (!order) throw new Error('no seeded order fits');
    used.add(order.order_id);
    return order;
  };
};
