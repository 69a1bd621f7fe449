import type { SkuRecord, SpuRecord } from '../seed/generateShop';

/** SPUs and SKUs in the shop's storage. */
export class CatalogRecords {
  constructor(private readonly sql: SqlStorage) {}

  insert(spu: SpuRecord, skus: SkuRecord[]): void {
    const [next] = this.sql.exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM spus').toArray();
    this.sql.exec(
      'INSERT INTO spus (product_id, seq, status, json) VALUES (?, ?, ?, ?)',
      spu.product_id,
      next?.seq ?? 1,
      spu.status,
      JSON.stringify(spu),
    );
    for (const sku of skus)
      this.sql.exec(
        'INSERT INTO skus (sku_id, product_id, json) VALUES (?, ?, ?)',
        sku.sku_id,
        sku.product_id,
        JSON.stringify(sku),
      );
  }

  /** Writes a changed SPU and SKUs over the stored ones, keeping their place in the listing. */
  update(spu: SpuRecord, skus: SkuRecord[]): void {
    this.sql.exec(
      'UPDATE spus SET status = ?, json = ? WHERE product_id = ?',
      spu.status,
      JSON.stringify(spu),
      spu.product_id,
    );
    for (const sku of skus) this.sql.exec('UPDATE skus SET json = ? WHERE sku_id = ?', JSON.stringify(sku), sku.sku_id);
  }

  /** One page of SPUs in listing order, optionally of one status, with the total. */
  page(status: number | undefined, page: number, pageSize: number): { spus: SpuRecord[]; total: number } {
    const filter = status === undefined ? '' : 'WHERE status = ?';
    const args = status === undefined ? [] : [status];
    const [count] = this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM spus ${filter}`, ...args).toArray();
    const rows = this.sql
      .exec<{ json: string }>(
        `SELECT json FROM spus ${filter} ORDER BY seq LIMIT ? OFFSET ?`,
        ...args,
        pageSize,
        (page - 1) * pageSize,
      )
      .toArray();
    return { spus: rows.map((row) => JSON.parse(row.json) as SpuRecord), total: count?.n ?? 0 };
  }

  spu(productId: string): SpuRecord | null {
    const [row] = this.sql.exec<{ json: string }>('SELECT json FROM spus WHERE product_id = ?', productId).toArray();
    return row ? (JSON.parse(row.json) as SpuRecord) : null;
  }

  skusOf(productId: string): SkuRecord[] {
    return this.sql
      .exec<{ json: string }>('SELECT json FROM skus WHERE product_id = ? ORDER BY sku_id', productId)
      .toArray()
      .map((row) => JSON.parse(row.json) as SkuRecord);
  }

  counts(): Record<string, number> {
    const rows = this.sql
      .exec<{ status: number; n: number }>('SELECT status, COUNT(*) AS n FROM spus GROUP BY status')
      .toArray();
    return Object.fromEntries(rows.map((row) => [String(row.status), row.n]));
  }
}
