import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch; every timestamp in the schema uses it so the Worker and the rooms agree. */
export const epochMs = (name: string) => integer(name, { mode: 'number' });

/** Money is always an integer number of fen (1/100 yuan). */
export const fen = (name: string) => integer(name, { mode: 'number' });
