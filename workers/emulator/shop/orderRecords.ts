import type { OrderRecord } from '../seed/generateShop';

export type TimeField = 'create_time' | 'update_time';

/** Orders in the shop's storage; times are "YYYY-MM-DD HH:mm:ss", so text order is time order. */
export class OrderRecords {
  constructor(private readonly sql: SqlStorage) {}

  put(order: OrderRecord): void {
    this.sql.exec(
      'INSERT OR REPLACE INTO orders (order_id, status, create_time, update_time, json) VALUES (?, ?, ?, ?, ?)',
      order.order_id,
      order.status,
      order.create_time,
      order.update_time,
      JSON.stringify(order),
    );
  }

  get(orderId: string): OrderRecord | null {
    const [row] = this.sql.exec<{ json: string }>('SELECT json FROM orders WHERE order_id = ?', orderId).toArray();
    return row ? (JSON.parse(row.json) as OrderRecord) : null;
  }

  /** One page of the orders whose `field` lies in [start, end], oldest first, with the total. */
  page(
    field: TimeField,
    start: string,
    end: string,
    status: number | undefined,
    page: number,
    pageSize: number,
  ): { orders: OrderRecord[]; total: number } {
    const filter = `WHERE ${field} >= ? AND ${field} <= ?${status === undefined ? '' : ' AND status = ?'}`;
    const args = status === undefined ? [start, end] : [start, end, status];
    const [count] = this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM orders ${filter}`, ...args).toArray();
    const rows = this.sql
      .exec<{ json: string }>(
        `SELECT json FROM orders ${filter} ORDER BY ${field}, order_id LIMIT ? OFFSET ?`,
        ...args,
        pageSize,
        (page - 1) * pageSize,
      )
      .toArray();
    return { orders: rows.map((row) => JSON.parse(row.json) as OrderRecord), total: count?.n ?? 0 };
  }

  counts(): Record<string, number> {
    const rows = this.sql
      .exec<{ status: number; n: number }>('SELECT status, COUNT(*) AS n FROM orders GROUP BY status')
      .toArray();
    return Object.fromEntries(rows.map((row) => [String(row.status), row.n]));
  }
}
