import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { monitorRoomOf } from '../monitor/roomFeed';
import { clock } from '../platform/clock';
import { GroupCommit } from '../platform/groupCommit';
import { shardOf } from '../platform/shardOf';
import { database } from '../records/db';
import { type OrderWrite, writeOrders } from './records/orderRecords';

/**
 * Members' order flushes are spread over this many recorders (docs/capacity.md: each answers one
 * call per flush, and D1 one batch per group of flushes).
 */
const RECORDERS = 4;
/** Orders one D1 batch carries at most. */
const ORDERS_PER_BATCH = 100;

export const orderRecorderOf = (env: Env, memberId: string) =>
  env.ORDER_RECORDER.getByName(`orders-${shardOf(memberId, RECORDERS)}`);

/**
 * Writes members' orders to D1, many members' in one batch: each member's order outbox
 * (`orderOutbox.ts`) hands its flush here and keeps its orders until this answers, so nothing is
 * kept here and a lost recorder loses nothing (the flush fails, and is retried). A flash sale's
 * thousand members, one order each, cost D1 a few batches instead of a thousand, and the
 * monitor's pages one signal per batch.
 */
export class OrderRecorder extends DurableObject<Env> {
  private readonly commits = new GroupCommit<OrderWrite>(async (writes) => {
    await writeOrders(database(this.env.DB), writes);
    // The dashboard reads D1: it hears of new orders once they are there. A lost signal costs it one refresh.
    await monitorRoomOf(this.env)
      .ordersChanged(clock.now())
      .catch((error: unknown) => console.error('orders signal', error));
  }, ORDERS_PER_BATCH);

  /**
   * Answers null once D1 has every one of `writes` (with whatever other members' orders came
   * meanwhile), else why D1 refused them: an answer, not a throw, since the caller retries anyway.
   */
  async record(writes: OrderWrite[]): Promise<string | null> {
    return this.commits.add(writes).then(
      () => null,
      (error: unknown) => String(error),
    );
  }
}
