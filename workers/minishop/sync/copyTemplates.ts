import type { Database } from '../../records/db';
import type { MiniShopSource } from '../api/source';
import { saveCopiedTemplates } from '../records/freightTemplateRecords';
import { localTemplateId } from './localIds';

/**
 * Copies the shop's freight templates, once: the shop's `templatesCopiedAt` is set in the same
 * batch, and a shop that has it set is never copied again (templates sync only once).
 * Answers how many were copied.
 */
export const copyTemplatesOnce = async (
  db: Database,
  source: MiniShopSource,
  appid: string,
  copiedAt: number | null,
  now: number,
): Promise<number> => {
  if (copiedAt !== null) return 0;
  const templates = await source.freightTemplates();
  const rows = templates.map((t) => ({
    id: localTemplateId(appid, t.templateId),
    appid,
    sourceTemplateId: t.templateId,
    name: t.name,
    valuation: t.valuation,
    isDefault: t.isDefault,
    rules: t.rules,
    copiedAt: now,
  }));
  await saveCopiedTemplates(db, appid, rows, now);
  return rows.length;
};
