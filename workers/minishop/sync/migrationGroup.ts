import type { Database } from '../../records/db';
import { saveShopGroup } from '../records/productGroupRecords';

const MIGRATION_GROUP_TITLE = 'Mini-Shop migration';

/**
 * The group migrated products join (created on the first migration that uses it).
 * Answers its id; a shop that has one keeps it.
 */
export const ensureMigrationGroup = async (
  db: Database,
  appid: string,
  groupId: string | null,
  now: number,
): Promise<string> => {
  if (groupId) return groupId;
  const id = `grp_${appid}_migration`;
  await saveShopGroup(db, appid, { id, title: MIGRATION_GROUP_TITLE, createdAt: now });
  return id;
};
