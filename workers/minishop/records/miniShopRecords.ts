import { and, eq } from 'drizzle-orm';
import { freightTemplates, miniShops } from '../../../schema';
import type { Database } from '../../records/db';

export type MiniShop = typeof miniShops.$inferSelect;

export const findMiniShop = async (db: Database, appid: string): Promise<MiniShop | null> =>
  (await db.query.miniShops.findFirst({ where: eq(miniShops.appid, appid) })) ?? null;

/** Every shop the cron syncs: bound, with auto-sync on. */
export const autoSyncedShops = (db: Database): Promise<MiniShop[]> =>
  db.query.miniShops.findMany({ where: and(eq(miniShops.status, 'bound'), eq(miniShops.autoSync, true)) });

export const listMiniShops = (db: Database): Promise<MiniShop[]> => db.query.miniShops.findMany();

/** A shop bound (again): a shop bound before keeps its rules, cursor, templates and group. */
export const saveBoundShop = async (db: Database, shop: typeof miniShops.$inferInsert): Promise<void> => {
  await db
    .insert(miniShops)
    .values(shop)
    .onConflictDoUpdate({
      target: miniShops.appid,
      set: { name: shop.name, status: 'bound', boundAt: shop.boundAt, unboundAt: null, autoSync: true },
    });
};

export const updateMiniShop = async (
  db: Database,
  appid: string,
  changes: Partial<Omit<MiniShop, 'appid'>>,
): Promise<void> => {
  await db.update(miniShops).set(changes).where(eq(miniShops.appid, appid));
};

/** Whether a Mini-Shop template was copied here (templates copy once, on the first migration). */
export const copiedTemplateIds = async (db: Database, appid: string): Promise<Set<string>> => {
  const rows = await db
    .select({ sourceTemplateId: freightTemplates.sourceTemplateId })
    .from(freightTemplates)
    .where(eq(freightTemplates.appid, appid));
  return new Set(rows.map((r) => r.sourceTemplateId));
};
