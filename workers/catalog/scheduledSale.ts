import type { FlashSale } from '../../shared/docs/sku';
import type { SchemaStep } from '../platform/sqlSchema';

/** What a FlashSaleClock keeps: the sale as SKU rooms carry it, and its SKUs. */
export interface ScheduledSale {
  flash: FlashSale;
  skuIds: string[];
}

/**
 * The clock's table, version by version: one row, the sale. Version 2 moves the sale the clock
 * kept under the key-value API (key `sale`) into it; `planStep` then has its next step run at once
 * (a step works out from the time which one is due).
 */
export const scheduledSaleSchema = (storage: DurableObjectStorage, planStep: () => void): SchemaStep[] => [
  (sql) =>
    sql.exec(`CREATE TABLE IF NOT EXISTS scheduled_sale (
      id INTEGER PRIMARY KEY CHECK (id = 1), flash TEXT NOT NULL, sku_ids TEXT NOT NULL)`),
  (sql) => {
    const kept = storage.kv.get<ScheduledSale>('sale');
    if (!kept) return;
    saveSale(sql, kept);
    storage.kv.delete('sale');
    planStep();
  },
];

export const saveSale = (sql: SqlStorage, sale: ScheduledSale): void => {
  sql.exec(
    'INSERT OR REPLACE INTO scheduled_sale (id, flash, sku_ids) VALUES (1, ?, ?)',
    JSON.stringify(sale.flash),
    JSON.stringify(sale.skuIds),
  );
};

export const readSale = (sql: SqlStorage): ScheduledSale | null => {
  const row = sql.exec<{ flash: string; sku_ids: string }>('SELECT flash, sku_ids FROM scheduled_sale').toArray()[0];
  return row ? { flash: JSON.parse(row.flash) as FlashSale, skuIds: JSON.parse(row.sku_ids) as string[] } : null;
};

export const deleteSale = (sql: SqlStorage): void => {
  sql.exec('DELETE FROM scheduled_sale');
};
