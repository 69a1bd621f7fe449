import { asc, eq } from 'drizzle-orm';
import { pickupPoints } from '../../../schema';
import type { NewPickupPoint, PickupPointPatch } from '../../../shared/api/checkout';
import type { PickupPointSnapshot } from '../../../shared/checkout';
import type { Database } from '../../records/db';

export type PickupPoint = typeof pickupPoints.$inferSelect;

/** Every pickup point, by name. */
export const listPickupPoints = (db: Database): Promise<PickupPoint[]> =>
  db.query.pickupPoints.findMany({ orderBy: [asc(pickupPoints.name), asc(pickupPoints.id)] });

export const findPickupPoint = async (db: Database, pointId: string): Promise<PickupPoint | null> =>
  (await db.query.pickupPoints.findFirst({ where: eq(pickupPoints.id, pointId) })) ?? null;

export const insertPickupPoint = async (
  db: Database,
  id: string,
  point: NewPickupPoint,
  now: number,
): Promise<PickupPoint> => {
  const [row] = await db
    .insert(pickupPoints)
    .values({ id, ...point, telNumber: point.telNumber ?? null, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error(`pickup point ${id} was not stored`);
  return row;
};

/** Changes a point; null when there is none. Orders placed before keep their snapshot. */
export const updatePickupPoint = async (
  db: Database,
  pointId: string,
  patch: PickupPointPatch,
  now: number,
): Promise<PickupPoint | null> => {
  const [row] = await db
    .update(pickupPoints)
    .set({ ...patch, updatedAt: now })
    .where(eq(pickupPoints.id, pointId))
    .returning();
  return row ?? null;
};

/** Removes a point; whether there was one. Orders keep their snapshot of it. */
export const deletePickupPoint = async (db: Database, pointId: string): Promise<boolean> =>
  (await db.delete(pickupPoints).where(eq(pickupPoints.id, pointId)).returning({ id: pickupPoints.id })).length > 0;

/** What an order keeps of its pickup point. */
export const pickupSnapshotOf = (point: PickupPoint): PickupPointSnapshot => ({
  id: point.id,
  name: point.name,
  provinceName: point.provinceName,
  cityName: point.cityName,
  countyName: point.countyName,
  detailInfo: point.detailInfo,
  telNumber: point.telNumber,
});
