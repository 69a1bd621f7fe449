import { eq, inArray } from 'drizzle-orm';
import { images } from '../../../schema';
import type { Database } from '../../records/db';

export type ImageRow = typeof images.$inferSelect;

/** Records an image; one stored before under the same hash is kept as it was. */
export const recordImage = async (db: Database, row: ImageRow): Promise<ImageRow> => {
  await db.insert(images).values(row).onConflictDoNothing();
  return (await findImage(db, row.id)) ?? row;
};

export const findImage = async (db: Database, imageId: string): Promise<ImageRow | null> =>
  (await db.query.images.findFirst({ where: eq(images.id, imageId) })) ?? null;

/** Which of `imageIds` exist (at most 100 per call: D1's bound-parameter limit). */
export const existingImageIds = async (db: Database, imageIds: string[]): Promise<Set<string>> => {
  if (imageIds.length === 0) return new Set();
  const rows = await db.select({ id: images.id }).from(images).where(inArray(images.id, imageIds));
  return new Set(rows.map((r) => r.id));
};
