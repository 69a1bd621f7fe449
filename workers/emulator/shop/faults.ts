import { z } from 'zod';
import { errorReply, httpFailureReply, type Reply } from '../replies';

/** "Fail the next `count` calls of `path` with `errcode` (or HTTP `httpStatus`)"; `*` is every path. */
export const faultSchema = z
  .strictObject({
    path: z.string().min(1),
    errcode: z.int().optional(),
    httpStatus: z.int().min(500).max(599).optional(),
    count: z.int().min(1).max(1_000_000).default(1),
  })
  .refine((f) => (f.errcode === undefined) !== (f.httpStatus === undefined), {
    message: 'give exactly one of errcode, httpStatus',
  });
export type Fault = z.output<typeof faultSchema>;

/** Scripted failures, kept in the shop's storage so they hold across requests and restarts. */
export class FaultSchedule {
  constructor(private readonly sql: SqlStorage) {}

  add({ path, errcode, httpStatus, count }: Fault): void {
    this.sql.exec(
      'INSERT INTO faults (path, errcode, http_status, remaining) VALUES (?, ?, ?, ?)',
      path,
      errcode ?? null,
      httpStatus ?? null,
      count,
    );
  }

  clear(): void {
    this.sql.exec('DELETE FROM faults');
  }

  /** Spends one failure scheduled for this path, oldest first, and answers it; null when none. */
  take(path: string): Reply | null {
    const [fault] = this.sql
      .exec<{ id: number; errcode: number | null; http_status: number | null }>(
        "SELECT id, errcode, http_status FROM faults WHERE (path = ? OR path = '*') AND remaining > 0 ORDER BY id LIMIT 1",
        path,
      )
      .toArray();
    if (!fault) return null;
    this.sql.exec('UPDATE faults SET remaining = remaining - 1 WHERE id = ?', fault.id);
    return fault.http_status !== null ? httpFailureReply(fault.http_status) : errorReply(fault.errcode ?? -1);
  }
}
