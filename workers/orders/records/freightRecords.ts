import { eq, inArray } from 'drizzle-orm';
import { freightTemplates, miniShopProducts, productFreight, products, skus } from '../../../schema';
import type { Database } from '../../records/db';
import type { FreightLine, FreightSetting } from '../rules/freight';

/** How a product's freight is set by the operator: a unified amount (fen) or a copied template. */
export type ProductFreight = { freight: number } | { templateId: string };

const settingOf = (
  freight: number | null,
  templateId: string | null,
  rules: Map<string, FreightTemplateRow['rules']>,
): FreightSetting | null => {
  if (templateId !== null) return { kind: 'template', templateId, rules: rules.get(templateId) ?? null };
  if (freight !== null) return { kind: 'unified', amount: freight };
  return null;
};

type FreightTemplateRow = typeof freightTemplates.$inferSelect;

/**
 * The freight lines of an order's SKUs, one per product: the operator's setting for the product
 * first, else what a Mini-Shop migration set, else none (free). An order has at most 50 lines.
 */
export const freightLinesOf = async (
  db: Database,
  lines: ReadonlyArray<{ skuId: string; price: number; qty: number }>,
): Promise<FreightLine[]> => {
  const rows = await db
    .select({
      skuId: skus.id,
      productId: skus.productId,
      freight: productFreight.freight,
      templateId: productFreight.freightTemplateId,
      migratedFreight: miniShopProducts.freight,
      migratedTemplateId: miniShopProducts.freightTemplateId,
    })
    .from(skus)
    .leftJoin(productFreight, eq(productFreight.productId, skus.productId))
    .leftJoin(miniShopProducts, eq(miniShopProducts.productId, skus.productId))
    .where(
      inArray(
        skus.id,
        lines.map((l) => l.skuId),
      ),
    );
  const templateIds = [
    ...new Set(rows.flatMap((r) => [r.templateId, r.migratedTemplateId]).filter((id) => id !== null)),
  ];
  const templates =
    templateIds.length === 0
      ? []
      : await db.select().from(freightTemplates).where(inArray(freightTemplates.id, templateIds));
  const rules = new Map(templates.map((t) => [t.id, t.rules]));
  const byProduct = new Map<string, FreightLine>();
  for (const line of lines) {
    const row = rows.find((r) => r.skuId === line.skuId);
    if (!row) continue;
    const known = byProduct.get(row.productId);
    if (known) {
      known.pieces += line.qty;
      known.amount += line.price * line.qty;
      continue;
    }
    const setting = settingOf(row.freight, row.templateId, rules) ??
      settingOf(row.migratedFreight, row.migratedTemplateId, rules) ?? { kind: 'none' as const };
    byProduct.set(row.productId, {
      productId: row.productId,
      pieces: line.qty,
      amount: line.price * line.qty,
      setting,
    });
  }
  return [...byProduct.values()];
};

export const productExists = async (db: Database, productId: string): Promise<boolean> =>
  (await db.query.products.findFirst({ columns: { id: true }, where: eq(products.id, productId) })) !== undefined;

export const freightTemplateExists = async (db: Database, templateId: string): Promise<boolean> =>
  (await db.query.freightTemplates.findFirst({ columns: { id: true }, where: eq(freightTemplates.id, templateId) })) !==
  undefined;

/** Sets how a product's freight is charged, replacing any earlier setting. */
export const setProductFreight = async (
  db: Database,
  productId: string,
  setting: ProductFreight,
  now: number,
): Promise<void> => {
  const row =
    'freight' in setting
      ? { freight: setting.freight, freightTemplateId: null }
      : { freight: null, freightTemplateId: setting.templateId };
  await db
    .insert(productFreight)
    .values({ productId, ...row, updatedAt: now })
    .onConflictDoUpdate({ target: productFreight.productId, set: { ...row, updatedAt: now } });
};
