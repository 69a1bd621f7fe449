import { Hono } from 'hono';
import { z } from 'zod';
import {
  adminMemberQuerySchema,
  balanceAdjustmentSchema,
  ledgerQuerySchema,
  memberId,
  pointsAdjustmentSchema,
  tagsSchema,
} from '../../../shared/api/members';
import { notFound, unlessRefused } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import type { Env } from '../../env';
import { database } from '../../records/db';
import { recordChange } from '../../staff/auditTrail';
import { memberRoomOf } from '../MemberRoom';
import { runPhoneRepair } from '../phoneRepairRun';
import { ledgerHistory } from '../records/ledgerHistory';
import { listMembers } from '../records/memberListing';
import { memberProfile } from '../records/memberProfile';
import { currentMemberId } from '../records/memberRecords';
import { docs } from './adminMembers.docs';

const memberParam = validate('param', z.object({ memberId }));

/** The member an operator means: the survivor when that account was merged away. */
const memberRoom = async (env: Env, id: string) => {
  const current = await currentMemberId(database(env.DB), id);
  if (!current) throw notFound('member', 'memberId');
  return { id: current, room: memberRoomOf(env, current) };
};

/** A member's points and balance, for the audit log's before and after of an adjustment. */
const assetsOf = async (room: ReturnType<typeof memberRoomOf>) => {
  const { assets } = unlessRefused(await room.account());
  return { points: assets.points, balance: assets.balance };
};

/** Operators' view of members: the list, assets, tags, and points and balance moved through the ledgers. */
export const adminMemberRoutes = new Hono<HubEnv>()
  .get('/', docs.list, validate('query', adminMemberQuerySchema), async (c) =>
    c.json(await listMembers(database(c.env.DB), c.req.valid('query'))),
  )
  .post('/phone-repair', docs.phoneRepair, async (c) => c.json(await runPhoneRepair(c.env, 'admin')))
  .get('/:memberId', docs.profile, memberParam, async (c) => {
    const db = database(c.env.DB);
    const id = await currentMemberId(db, c.req.valid('param').memberId);
    const profile = id && (await memberProfile(db, id));
    if (!profile) throw notFound('member', 'memberId');
    return c.json(profile);
  })
  .get('/:memberId/account', docs.account, memberParam, async (c) => {
    const member = await memberRoom(c.env, c.req.valid('param').memberId);
    return c.json({ memberId: member.id, ...unlessRefused(await member.room.account()) });
  })
  .get('/:memberId/ledger', docs.ledger, memberParam, validate('query', ledgerQuerySchema), async (c) => {
    const db = database(c.env.DB);
    const id = await currentMemberId(db, c.req.valid('param').memberId);
    if (!id) throw notFound('member', 'memberId');
    const { kind } = c.req.valid('query');
    return c.json({ memberId: id, kind, ...(await ledgerHistory(db, id, c.req.valid('query'))) });
  })
  .put('/:memberId/tags', docs.tags, memberParam, validate('json', tagsSchema), async (c) => {
    const member = await memberRoom(c.env, c.req.valid('param').memberId);
    return c.json(unlessRefused(await member.room.setTags(c.req.valid('json').tags)));
  })
  .post('/:memberId/points', docs.points, memberParam, validate('json', pointsAdjustmentSchema), async (c) => {
    const member = await memberRoom(c.env, c.req.valid('param').memberId);
    const before = await assetsOf(member.room);
    const moved = unlessRefused(await member.room.adjustPoints(c.req.valid('json'), 'admin'));
    recordChange(c, { entity: 'members', id: member.id, before, after: await assetsOf(member.room) });
    return c.json(moved);
  })
  .post('/:memberId/balance', docs.balance, memberParam, validate('json', balanceAdjustmentSchema), async (c) => {
    const member = await memberRoom(c.env, c.req.valid('param').memberId);
    const before = await assetsOf(member.room);
    const moved = unlessRefused(await member.room.adjustBalance(c.req.valid('json'), 'admin'));
    recordChange(c, { entity: 'members', id: member.id, before, after: await assetsOf(member.room) });
    return c.json(moved);
  });
