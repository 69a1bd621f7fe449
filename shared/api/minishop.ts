import { z } from 'zod';
import type { miniShops } from '../../schema/minishop';
import { eachOnce } from './eachOnce';

const fenAmount = z.number().int().min(0).max(100_000_000);
const sourceId = z.string().regex(/^\d{1,20}$/, 'not a Mini-Shop id');

/** A Mini-Shop appid: `wx` and letters or digits (WeChat's are 18 characters). */
export const appidSchema = z.string().regex(/^wx[A-Za-z0-9]{6,30}$/, 'not a Mini-Shop appid');

/** Binding authorizes the hub with the shop's own appid and secret (self-developed mode). */
export const bindShopSchema = z.strictObject({
  appid: appidSchema,
  secret: z.string().min(1).max(128),
});

/** Seed 002's sync rules. */
export const syncRulesSchema = z.strictObject({
  /** `follow`: keep the Mini-Shop's on-sale/delisted; `warehouse`: unlisted; `list`: on sale. */
  productStatus: z.enum(['follow', 'warehouse', 'list']),
  freight: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('unified'), amount: fenAmount }),
    z.strictObject({ kind: z.literal('template'), templateId: sourceId }),
  ]),
  /** Put migrated products in the "Mini-Shop migration" group (created on the first migration). */
  group: z.boolean(),
  /** Leave products migrated before untouched; off overwrites them. */
  filterMigrated: z.boolean(),
});

/** Any subset of the rules; what is left out keeps its value. */
export const syncRulesPatchSchema = syncRulesSchema.partial();

export const autoSyncSchema = z.strictObject({ autoSync: z.boolean() });

/** Seed 002's defaults: follow the Mini-Shop's status, group on, filter on; freight free. */
export const DEFAULT_SYNC_RULES: MiniShopSyncRules = {
  productStatus: 'follow',
  freight: { kind: 'unified', amount: 0 },
  group: true,
  filterMigrated: true,
};

export const thirdPartySalesSettingSchema = z.strictObject({ addThirdPartySales: z.boolean() });

/** Express needs a carrier and a waybill; same-city and pickup orders ship without. */
export const shipOrderSchema = z.strictObject({
  deliveryId: z.string().trim().min(1).max(32).optional(),
  waybillId: z.string().trim().min(1).max(64).optional(),
});

export const shipBatchSchema = z.strictObject({
  orders: z
    .array(shipOrderSchema.extend({ orderId: z.string().min(1).max(64) }))
    .min(1)
    .max(50)
    .refine(
      eachOnce((o: { orderId: string }) => o.orderId),
      {
        message: 'each order may appear once per batch',
      },
    ),
});

export type MiniShopSyncRules = z.infer<typeof syncRulesSchema>;
export type SyncRulesPatch = z.infer<typeof syncRulesPatchSchema>;
export type ShipOrder = z.infer<typeof shipOrderSchema>;

/** How a Mini-Shop's last run ended (`workers/minishop/shopSyncStore.ts`). */
export interface MiniShopFinishedRun {
  kind: 'migration' | 'orders' | 'products';
  runId: string;
  outcome: string;
  finishedAt: number;
  errors: string[];
}

/** A bound (or unbound) shop as `GET /api/admin/minishop/shops` lists it. */
export type MiniShopRecordView = typeof miniShops.$inferSelect;

/** `GET /api/admin/minishop/shops/:appid`: the shop and how its runs stand. */
export type MiniShopView = MiniShopRecordView & {
  progress: { lastRun: MiniShopFinishedRun | null; queued: MiniShopFinishedRun['kind'][] };
};
