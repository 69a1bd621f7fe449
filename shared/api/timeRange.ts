import { z } from 'zod';

/**
 * The mall's day is China's (UTC+8 all year, no daylight saving): the day an operator means by
 * "today" is the one the shop's clock shows.
 */
export const MALL_UTC_OFFSET = '+08:00';

const DAY_MS = 86_400_000;
const EPOCH_MS = /^\d{1,15}$/;

/** The first millisecond of a `YYYY-MM-DD` day in China time. */
const dayStart = (date: string) => Date.parse(`${date}T00:00:00${MALL_UTC_OFFSET}`);

/**
 * A time-range bound in a query: epoch ms, an ISO 8601 time with its offset, or an ISO date, read
 * as a day in China time. As `from` a day is its first moment; as `to` a day is included whole.
 */
const bound = (edge: 'from' | 'to') =>
  z.union([
    z
      .string()
      .regex(EPOCH_MS)
      .transform((ms) => Number(ms)),
    z.iso.datetime({ offset: true }).transform((time) => Date.parse(time)),
    z.iso.date().transform((date) => (edge === 'from' ? dayStart(date) : dayStart(date) + DAY_MS)),
  ]);

/** `from` (included) and `to` (excluded, or a whole day included): both optional, `to` after `from`. */
export const timeRangeFields = { from: bound('from').optional(), to: bound('to').optional() };

export const toAfterFrom = {
  check: (range: { from?: number; to?: number }) =>
    range.from === undefined || range.to === undefined || range.to > range.from,
  message: { message: 'must be after from', path: ['to'] },
};
