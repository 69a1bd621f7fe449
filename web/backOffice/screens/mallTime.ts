import { toBeijingTime } from '../../../workers/minishop/beijingTime';

/** A moment as the mall's staff read it: China time to the minute, `2026-12-02 15:47`. */
export const mallTime = (ms: number): string => toBeijingTime(ms).slice(0, 16);
