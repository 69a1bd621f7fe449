import { eq } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { miniShops, productGroupItems, productGroups } from '../../../schema';
import type { Database } from '../../records/db';

export type ProductGroup = typeof productGroups.$inferInsert;

/** Creates the group (kept when it exists) and makes it the shop's, in one batch. */
export const saveShopGroup = async (db: Database, appid: string, group: ProductGroup): Promise<void> => {
  await db.batch([
    db.insert(productGroups).values(group).onConflictDoNothing(),
    db.update(miniShops).set({ groupId: group.id }).where(eq(miniShops.appid, appid)),
  ]);
};

/** The statement putting a product in a group, for the batch that creates the product. */
export const insertGroupItem = (db: Database, groupId: string, productId: string): BatchItem<'sqlite'> =>
  db.insert(productGroupItems).values({ groupId, productId });
