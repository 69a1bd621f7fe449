import { and, eq, inArray, or } from 'drizzle-orm';
import { memberIdentities, members } from '../../../schema';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';
import { newId } from '../../records/ids';

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

const sameIdentity = (a: Identity, b: Identity) => a.kind === b.kind && a.appId === b.appId && a.value === b.value;

/** The members holding any of `identities`, each once, in the order of the identities given. */
export const holdersOf = async (db: Database, identities: Identity[]): Promise<string[]> => {
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
  const holders = identities.flatMap((identity) => rows.find((row) => sameIdentity(row, identity))?.memberId ?? []);
  return [...new Set(holders)];
};

/** The member that owns any of `identities` (the first one found, in the order given). */
export const memberOfIdentities = async (db: Database, identities: Identity[]): Promise<string | null> =>
  (await holdersOf(db, identities))[0] ?? null;

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

/**
 * Binds all of `identities` to `memberId`, or none of them when another member holds one (false):
 * one INSERT, which a conflict on any row undoes whole, so two racing binds cannot split them.
 */
export const bindAllIdentities = async (db: Database, memberId: string, identities: Identity[], now: number) => {
  const held = await identitiesOf(db, memberId);
  const fresh = identities.filter((i) => !held.some((h) => sameIdentity(h, i)));
  if (fresh.length === 0) return true;
  try {
    await db.insert(memberIdentities).values(fresh.map((i) => ({ ...i, memberId, createdAt: now })));
    return true;
  } catch (error) {
    // drizzle wraps D1's error: the constraint is named in its cause.
    if (String(error instanceof Error ? error.cause : error).includes('constraint failed')) return false;
    throw error;
  }
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

/** D1 binds at most 100 parameters per statement: an identity row binds 5, a member row 6 (its defaults too). */
const VALUES_PER_QUERY = 90;
const IDENTITIES_PER_INSERT = 20;
const MEMBERS_PER_INSERT = 15;

/**
 * The member behind each of `values` (identities of one kind and app), creating a member for every
 * value nobody holds yet, all new ones in one batch. Used for buyers that arrive with orders
 * (a Mini-Shop buyer's OpenID), who have never logged in here.
 */
export const membersOfIdentityValues = async (
  db: Database,
  kind: Identity['kind'],
  appId: string,
  values: string[],
  now: number,
): Promise<Map<string, string>> => {
  const held = new Map<string, string>();
  for (const part of chunks([...new Set(values)], VALUES_PER_QUERY)) {
    const rows = await db
      .select({ value: memberIdentities.value, memberId: memberIdentities.memberId })
      .from(memberIdentities)
      .where(
        and(eq(memberIdentities.kind, kind), eq(memberIdentities.appId, appId), inArray(memberIdentities.value, part)),
      );
    for (const row of rows) held.set(row.value, row.memberId);
  }
  const created = [...new Set(values)]
    .filter((value) => !held.has(value))
    .map((value) => ({ value, memberId: newId('mem') }));
  const [first, ...rest] = [
    ...chunks(created, MEMBERS_PER_INSERT).map((part) =>
      db.insert(members).values(part.map((c) => ({ id: c.memberId, createdAt: now }))),
    ),
    ...chunks(created, IDENTITIES_PER_INSERT).map((part) =>
      db
        .insert(memberIdentities)
        .values(part.map((c) => ({ kind, appId, value: c.value, memberId: c.memberId, createdAt: now }))),
    ),
  ];
  if (first) await db.batch([first, ...rest]);
  for (const c of created) held.set(c.value, c.memberId);
  return held;
};
