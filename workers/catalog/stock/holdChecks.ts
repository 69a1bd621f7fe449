import type { Env } from '../../env';
import { memberRoomOf } from '../../members/MemberRoom';
import type { AlarmSchedule, AlarmTask } from '../../platform/alarmSchedule';
import { clock } from '../../platform/clock';
import { inBatches } from '../../platform/inBatches';
import { dueHoldChecks, holdConfirmed, nextHoldCheck } from './reservations';

/** How long after a reservation its SKU room asks whether an order holds it. */
export const HOLD_CHECK_AFTER_MS = 60_000;
const HOLD_CHECK = 'hold-check';

/**
 * Returns the units of reservations no order holds: a member room that died between reserving
 * and storing its order, or a refusal whose release was cut off, would otherwise leave them out
 * of stock until the order's expiry (30 minutes, `placeOrder.ts`). A minute after each reservation
 * the SKU room asks the member's room (`orderHolds.ts`); a confirmed hold is not asked again and
 * stays until its order is paid or closed, as before.
 */
export class HoldChecks {
  constructor(
    private readonly sql: SqlStorage,
    private readonly schedule: AlarmSchedule,
    private readonly env: Env,
    private readonly release: (orderId: string) => Promise<void>,
  ) {}

  /** Asks for the check of a reservation due `checkAt` (call it in the reservation's turn). */
  expect(checkAt: number): Promise<void> {
    return this.schedule.runBy(HOLD_CHECK, checkAt);
  }

  get tasks(): Record<string, AlarmTask> {
    return { [HOLD_CHECK]: () => this.checkDue() };
  }

  /** Checks the due reservations; one whose member room did not answer is asked again by the schedule's retry. */
  private async checkDue(): Promise<void> {
    // A flash sale's minute of reservations is checked a few member rooms at a time.
    const outcomes = await inBatches(dueHoldChecks(this.sql, clock.now()), ({ orderId, memberId }) =>
      this.check(orderId, memberId).then(
        () => null,
        (error: unknown) => ({ error }),
      ),
    );
    const failures = outcomes.flatMap((outcome) => (outcome ? [outcome.error] : []));
    if (failures.length > 0) throw new AggregateError(failures, 'hold check');
    const next = nextHoldCheck(this.sql);
    if (next !== null) await this.schedule.runAt(HOLD_CHECK, next);
  }

  private async check(orderId: string, memberId: string): Promise<void> {
    if (await memberRoomOf(this.env, memberId).holdsStock(orderId)) holdConfirmed(this.sql, orderId);
    else await this.release(orderId);
  }
}
