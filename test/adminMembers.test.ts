import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { members } from '../schema';
import type { LedgerRow } from '../workers/members/records/ledgerHistory';
import type { ListedMember } from '../workers/members/records/memberListing';
import { database } from '../workers/records/db';
import { adjust } from './support/account';
import { holdClock } from './support/heldClock';
import { admin, adminRead, expectBadInput } from './support/hub';
import { bindPhone, freshPhone, phoneLogin } from './support/members';
import { readAllPages } from './support/paging';

const db = database(env.DB);

type ListedMembers = { members: ListedMember[]; nextCursor: string | null };
const search = async (q: string) =>
  (await adminRead<ListedMembers>(`/api/admin/members?limit=100&q=${encodeURIComponent(q)}`)).members;

/** Members with a nickname (nothing in the API sets one yet; the demo seed's Emma has one). */
const nicknamed = async (nicknames: string[], createdAt: number) => {
  const rows = nicknames.map((nickname) => ({ id: `mem_${crypto.randomUUID().slice(0, 12)}`, nickname, createdAt }));
  await db.insert(members).values(rows);
  return rows.map((row) => row.id);
};

describe("the back office's member list", () => {
  it('finds a member by phone however it is written, whole or by its start', async () => {
    const phone = freshPhone();
    const local = phone.slice(3);
    const member = await phoneLogin(phone, 'h5');
    for (const written of [
      phone,
      `${local.slice(0, 3)} ${local.slice(3, 7)} ${local.slice(7)}`,
      `(+86) ${local.slice(0, 3)}-${local.slice(3, 7)}-${local.slice(7)}`,
      `0086${local}`,
    ]) {
      expect({ written, found: await search(written) }).toEqual({
        written,
        found: [
          {
            id: member.memberId,
            nickname: '',
            tier: 'regular',
            tags: [],
            phones: [phone],
            createdAt: expect.any(Number),
          },
        ],
      });
    }
    for (const start of [local.slice(0, 9), `86 ${local.slice(0, 8)}`, `+86-${local.slice(0, 7)}`]) {
      const found = await search(start);
      expect(found.map((m) => m.id)).toContain(member.memberId);
      const digits = start.replace(/\D/g, '').replace(/^86/, '');
      expect(found.every((m) => m.phones.some((p) => p.startsWith(`+86${digits}`)))).toBe(true);
    }
    expect(await search(freshPhone())).toEqual([]);
  });

  it('finds members by part of a nickname, taking % and _ literally, or by member id', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const [wang, underscore, lookalike] = await nicknamed([`王小明 ${tag}`, `Ann_${tag}`, `Annx${tag}`], Date.now());
    expect((await search(`小明 ${tag}`)).map((m) => m.id)).toEqual([wang]);
    expect((await search(`Ann_${tag}`)).map((m) => m.id)).toEqual([underscore]);
    expect((await search(tag)).map((m) => m.id).sort()).toEqual([wang, underscore, lookalike].sort());
    expect((await search(`%${tag}`)).map((m) => m.id)).toEqual([]);
    expect((await search(wang ?? '')).map((m) => m.id)).toEqual([wang]);
  });

  it('pages newest first through every member once, members joining in the same millisecond included', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const now = Date.now();
    const older = await nicknamed(
      [0, 1, 2].map((i) => `Pager ${tag} ${i}`),
      now - 1000,
    );
    const newer = await nicknamed(
      [3, 4, 5, 6].map((i) => `Pager ${tag} ${i}`),
      now,
    );
    const path = `/api/admin/members?q=${encodeURIComponent(`Pager ${tag}`)}`;
    const { rows, pages } = await readAllPages<ListedMember>(path, 'members', 3);
    expect(pages).toBe(3);
    expect(rows.map((m) => m.id)).toEqual([...[...newer].sort().reverse(), ...[...older].sort().reverse()]);
  });

  it('leaves out an account merged into another: its phone finds the survivor', async () => {
    const phone = freshPhone();
    const absorbed = await phoneLogin(phone, 'pc');
    const survivor = await phoneLogin(freshPhone(), 'app');
    expect((await bindPhone(survivor.token, phone)).status).toBe(200);
    const found = await search(phone);
    expect(found.map((m) => m.id)).toEqual([survivor.memberId]);
    expect(found.map((m) => m.id)).not.toContain(absorbed.memberId);
  });

  it('refuses a bad search or cursor with a 400 naming it', async () => {
    for (const [query, field] of [
      ['q=', 'q'],
      [`q=${'x'.repeat(65)}`, 'q'],
      ['limit=0', 'limit'],
      ['cursor=nope', 'cursor'],
      ['sort=name', 'sort'],
    ] as const) {
      await expectBadInput(`/api/admin/members?${query}`, field);
    }
  });
});

type Ledger = { memberId: string; kind: string; entries: LedgerRow[]; nextCursor: string | null };

describe("a member's points and balance history", () => {
  it('lists each ledger newest first, page by page, moves of the same millisecond included', async () => {
    const clock = holdClock();
    const member = await phoneLogin(freshPhone(), 'mini');
    const moves: Array<['points' | 'balance', number, string, number]> = [
      ['points', 100, 'welcome gift', 0],
      ['balance', 5000, 'top-up', 0],
      ['points', 40, 'review', 1],
      ['points', -30, 'redeemed', 0],
      ['balance', -1200, 'refund correction', 2],
      ['points', 25, 'birthday', 0],
      ['points', 10, 'check-in', 3],
    ];
    for (const [kind, delta, reason, step] of moves) {
      clock.move(step);
      expect((await adjust(member.memberId, kind, { delta, reason })).status).toBe(200);
    }
    const expected = (kind: string) =>
      moves
        .filter((move) => move[0] === kind)
        .map(([, delta, reason]) => ({ delta, reason }))
        .reverse();

    const path = `/api/admin/members/${member.memberId}/ledger?kind=points`;
    const { rows, pages } = await readAllPages<LedgerRow>(path, 'entries', 2);
    expect(pages).toBe(3);
    expect(rows.map(({ delta, reason }) => ({ delta, reason }))).toEqual(expected('points'));
    expect(rows.every((row) => row.memberId === member.memberId && row.operator === 'admin')).toBe(true);
    const balance = await adminRead<Ledger>(`/api/admin/members/${member.memberId}/ledger?kind=balance`);
    expect(balance).toMatchObject({ memberId: member.memberId, kind: 'balance', nextCursor: null });
    expect(balance.entries.map(({ delta, reason }) => ({ delta, reason }))).toEqual(expected('balance'));
  });

  it("shows a merged account's history under the member it was merged into", async () => {
    const phone = freshPhone();
    const absorbed = await phoneLogin(phone, 'pc');
    expect((await adjust(absorbed.memberId, 'points', { delta: 70, reason: 'first order' })).status).toBe(200);
    const survivor = await phoneLogin(freshPhone(), 'app');
    expect((await bindPhone(survivor.token, phone)).status).toBe(200);
    const history = await adminRead<Ledger>(`/api/admin/members/${absorbed.memberId}/ledger?kind=points`);
    expect(history.memberId).toBe(survivor.memberId);
    expect(history.entries).toMatchObject([{ delta: 70, reason: `merged from ${absorbed.memberId}` }]);
  });

  it('refuses a missing or unknown ledger and bad paging (400 naming it), and an unknown member (404)', async () => {
    const member = await phoneLogin(freshPhone(), 'pc');
    const path = `/api/admin/members/${member.memberId}/ledger`;
    for (const [query, field] of [
      ['', 'kind'],
      ['kind=coins', 'kind'],
      ['kind=points&limit=101', 'limit'],
      ['kind=points&cursor=%%%', 'cursor'],
    ] as const) {
      await expectBadInput(`${path}?${query}`, field);
    }
    const unknown = await admin('GET', '/api/admin/members/mem_nobody/ledger?kind=points');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found', field: 'memberId' } });
  });
});
