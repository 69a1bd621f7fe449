/** Mini-Shop times are "YYYY-MM-DD HH:mm:ss" wall-clock strings in China time (UTC+8, no DST). */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export const toBeijingTime = (epochMs: number): string =>
  new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

export const fromBeijingTime = (text: string): number => {
  const epochMs = WALL_CLOCK.test(text) ? Date.parse(`${text.replace(' ', 'T')}+08:00`) : Number.NaN;
  if (Number.isNaN(epochMs)) throw new RangeError(`not a Mini-Shop time: ${text}`);
  return epochMs;
};

/** The China-time calendar day (YYYY-MM-DD) of an instant; sales are counted per such day. */
export const beijingDay = (epochMs: number): string => toBeijingTime(epochMs).slice(0, 10);
