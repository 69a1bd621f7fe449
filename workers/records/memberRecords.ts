import { and, eq, or } from 'drizzle-orm';
import { memberIdentities, members } from '../../schema';
import type { Database } from './db';
import { newId } from './ids';

export type Member = typeof members.$inferSelect;
/** A way to log in: kind, the app that scopes it ('' for global kinds) and the value. */
export type Identity = Pick<typeof memberIdentities.$inferSelect, 'kind' | 'appId' | 'value'>;

export const findMember = async (db: Database, memberId: string): Promise<Member | null> =>
  (await db.query.members.findFirst({ where: eq(members.id, memberId) })) ?? null;

/** The member an account now belongs to: itself, or the survivor it was merged into. */
export const currentMemberId = async (db: Database, memberId: string): Promise<string | null> => {
  const member = await findMember(db, memberId);
  if (!member) return null;
  return member.mergedInto ?? member.id;
};

/** The member that owns any of `identities` (the first one found, in the order given). */
export const memberOfIdentities = async (db: Database, identities: Identity[]): Promise<string | null> => {
  const rows = await db
    .select()
    .from(memberIdentities)
    .where(
      or(
        ...identities.map((i) =>
          and(
            eq(memberIdentities.kind, i.kind),
            eq(memberIdentities.appId, i.appId),
            eq(memberIdentities.value, i.value),
          ),
        ),
      ),
    );
  for (const identity of identities) {
    const row = rows.find((r) => r.kind === identity.kind && r.appId === identity.appId && r.value === identity.value);
    if (row) return row.memberId;
  }
  return null;
};

export const identitiesOf = async (db: Database, memberId: string): Promise<Identity[]> =>
  db
    .select({ kind: memberIdentities.kind, appId: memberIdentities.appId, value: memberIdentities.value })
    .from(memberIdentities)
    .where(eq(memberIdentities.memberId, memberId));

/** A new member with its identities, in one batch; fails if another member holds one of them. */
export const createMember = async (db: Database, identities: Identity[], now: number): Promise<string> => {
  const memberId = newId('mem');
  await db.batch([
    db.insert(members).values({ id: memberId, createdAt: now }),
    db.insert(memberIdentities).values(identities.map((i) => ({ ...i, memberId, createdAt: now }))),
  ]);
  return memberId;
};

/** Binds identities nobody holds yet to `memberId`; identities already held are left alone. */
export const addIdentities = async (db: Database, memberId: string, identities: Identity[], now: number) => {
  await db
    .insert(memberIdentities)
    .values(identities.map((i) => ({ ...i, memberId, createdAt: now })))
    .onConflictDoNothing();
};

export const setMemberTags = async (db: Database, memberId: string, tags: string[]): Promise<void> => {
  await db.update(members).set({ tags }).where(eq(members.id, memberId));
};
