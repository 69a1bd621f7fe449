import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { memberIdentities, members } from '../../../schema';
import type { AdminMemberQuery, ListedMember } from '../../../shared/api/members';
import { pageOf } from '../../../shared/api/paging';
import { chunks } from '../../records/chunks';
import type { Database } from '../../records/db';

export type { ListedMember } from '../../../shared/api/members';

/** Stored numbers are `+` and digits, and `:` sorts right after `9`: `[prefix, prefix:)` is every number starting so. */
const AFTER_DIGITS = ':';

/** The members holding a phone login that starts with `prefix`, found on the identities' unique index. */
const phoneHolders = (db: Database, prefix: string) =>
  db
    .select({ memberId: memberIdentities.memberId })
    .from(memberIdentities)
    .where(
      and(
        eq(memberIdentities.kind, 'phone'),
        eq(memberIdentities.appId, ''),
        gte(memberIdentities.value, prefix),
        lt(memberIdentities.value, `${prefix}${AFTER_DIGITS}`),
      ),
    );

/** Member ids bound per phone query, under D1's 100 parameters. */
const IDS_PER_QUERY = 90;

/** `%`, `_` and the escape itself match only themselves in a LIKE pattern. */
const literalPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const searchOf = (db: Database, search: NonNullable<AdminMemberQuery['q']>) =>
  search.phonePrefix === null
    ? or(eq(members.id, search.text), sql`${members.nickname} LIKE ${literalPattern(search.text)} ESCAPE '\\'`)
    : inArray(members.id, phoneHolders(db, search.phonePrefix));

/**
 * One page of the back office's member list, newest first (ties broken by id): accounts merged
 * into another are left out, since their logins now open the survivor.
 */
export const listMembers = async (
  db: Database,
  query: AdminMemberQuery,
): Promise<{ members: ListedMember[]; nextCursor: string | null }> => {
  const after = query.cursor;
  const rows = await db
    .select()
    .from(members)
    .where(
      and(
        isNull(members.mergedInto),
        query.q === undefined ? undefined : searchOf(db, query.q),
        after === undefined
          ? undefined
          : or(lt(members.createdAt, after.at), and(eq(members.createdAt, after.at), lt(members.id, after.id))),
      ),
    )
    .orderBy(desc(members.createdAt), desc(members.id))
    .limit(query.limit + 1);
  const { page, nextCursor } = pageOf(rows, query.limit, (member) => ({ at: member.createdAt, id: member.id }));
  const phones: Array<{ memberId: string; value: string }> = [];
  for (const ids of chunks(
    page.map((m) => m.id),
    IDS_PER_QUERY,
  )) {
    phones.push(
      ...(await db
        .select({ memberId: memberIdentities.memberId, value: memberIdentities.value })
        .from(memberIdentities)
        .where(and(eq(memberIdentities.kind, 'phone'), inArray(memberIdentities.memberId, ids)))
        .orderBy(asc(memberIdentities.id))),
    );
  }
  return {
    members: page.map((m) => ({
      id: m.id,
      nickname: m.nickname,
      tier: m.tier,
      tags: m.tags,
      phones: phones.filter((p) => p.memberId === m.id).map((p) => p.value),
      createdAt: m.createdAt,
    })),
    nextCursor,
  };
};
