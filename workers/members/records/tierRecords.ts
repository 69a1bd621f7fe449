import { desc, eq, lte } from 'drizzle-orm';
import { members, memberTiers } from '../../../schema';
import type { TierDefinition } from '../../../shared/api/members';
import type { Database } from '../../records/db';

/** The tier of members whose points reach no defined threshold. */
export const BASE_TIER = 'regular';

export type Tier = typeof memberTiers.$inferSelect;

export const defineTier = async (db: Database, tier: TierDefinition, now: number): Promise<Tier> => {
  const values = { ...tier, pointsPercent: tier.pointsPercent ?? 100 };
  const [row] = await db
    .insert(memberTiers)
    .values({ ...values, createdAt: now })
    .onConflictDoUpdate({ target: memberTiers.id, set: values })
    .returning();
  if (!row) throw new Error(`tier ${tier.id} was not stored`);
  return row;
};

export const listTiers = (db: Database): Promise<Tier[]> =>
  db.select().from(memberTiers).orderBy(memberTiers.minPoints);

/** Points accrual percentage of a tier (100 when the tier is not defined). */
export const pointsPercentOf = async (db: Database, tierId: string): Promise<number> =>
  (await db.query.memberTiers.findFirst({ where: eq(memberTiers.id, tierId) }))?.pointsPercent ?? 100;

/** Sets the member's tier to the highest one its earned points reach; returns it. */
export const settleTier = async (db: Database, memberId: string, earnedPoints: number): Promise<string> => {
  const [reached] = await db
    .select({ id: memberTiers.id })
    .from(memberTiers)
    .where(lte(memberTiers.minPoints, earnedPoints))
    .orderBy(desc(memberTiers.minPoints))
    .limit(1);
  const tier = reached?.id ?? BASE_TIER;
  await db.update(members).set({ tier }).where(eq(members.id, memberId));
  return tier;
};
