import type { MemberContents } from '../../shared/docs/member';
import { CLOSE_MEMBER_MERGED } from '../../shared/protocol/closeCodes';
import { accountRoom, memberRoom } from '../../shared/rooms';
import type { AlarmTask } from '../platform/alarmSchedule';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import {
  absorptionState,
  forgetAbsorption,
  forgetPendingAbsorption,
  markApplied,
  noteAbsorption,
  notedAbsorptions,
} from './absorptions';
import { mirror } from './accountMirror';
import { checkCart } from './cartCheck';
import { clearMemberContents, mergeMemberContents, readMemberContents } from './memberContents';
import { type MemberContext, memberDoc } from './memberContext';
import { findMember, type Member } from './records/memberRecords';
import { mergeMembers } from './records/mergeRecords';
import { markMerged } from './standing';

/** How soon an interrupted merge is retried. */
const ABSORB_RETRY_MS = 1000;

/** The alarm task that finishes the merge of `absorbedId` should this object fail part-way. */
const absorbTask = (absorbedId: string) => `absorb:${absorbedId}`;

/**
 * Moves the absorbed member's document contents into this one. Taking them in and marking the
 * absorption `applied` happen in one turn (one storage write), so a retry never adds a cart
 * twice; the absorbed document is emptied only after that. A failure leaves the absorption and
 * its alarm task for the retry.
 */
const finishAbsorbing = async (member: MemberContext, absorbedId: string): Promise<void> => {
  const absorbed = member.env.MEMBER_ROOM.getByName(absorbedId);
  if (absorptionState(member.sql, absorbedId) === 'pending') {
    const incoming = await absorbed.freeze();
    mergeMemberContents(memberDoc(member), incoming);
    markApplied(member.sql, absorbedId);
  }
  await absorbed.surrender();
  forgetAbsorption(member.sql, absorbedId);
  await member.schedule.cancel(absorbTask(absorbedId));
  await checkCart(member.env, memberDoc(member));
  await mirror(member);
};

/**
 * This member's merge of `absorbedId` did not happen: the absorbed object takes orders again
 * unless its record in D1 (`absorbed`, as read after the merge gave up) shows it merged.
 */
const reopenUnlessMerged = async (member: MemberContext, absorbedId: string, absorbed: Member | null) => {
  if (absorbed && absorbed.mergedInto === null) {
    await member.env.MEMBER_ROOM.getByName(absorbedId).reopenAfterMerge(member.memberId);
  }
};

/**
 * Merges `absorbedId` into this member: the records move in D1 exactly once, then the absorbed
 * member's cart, favorites and history join this member's document and the account mirror is
 * rewritten. Returns false when the merge had already happened (or this member was itself
 * merged away), changing nothing. The merge is noted here (with its alarm task) before D1
 * moves, so if this object fails part-way the alarm finishes it. The absorbed member's object
 * takes no order from then on (`standing.ts`), unless D1 shows the merge did not happen.
 */
export const absorb = async (member: MemberContext, absorbedId: string): Promise<boolean> => {
  noteAbsorption(member.sql, absorbedId, member.memberId);
  await member.schedule.runBy(absorbTask(absorbedId), clock.now() + ABSORB_RETRY_MS);
  // Closed first, so every order of the absorbed member is in D1 to move with the others.
  await member.env.MEMBER_ROOM.getByName(absorbedId).closeForMerge(member.memberId);
  if (!(await mergeMembers(database(member.env.DB), absorbedId, member.memberId, clock.now()))) {
    forgetPendingAbsorption(member.sql, absorbedId);
    if (absorptionState(member.sql, absorbedId) === null) await member.schedule.cancel(absorbTask(absorbedId));
    await reopenUnlessMerged(member, absorbedId, await findMember(database(member.env.DB), absorbedId));
    return false;
  }
  await finishAbsorbing(member, absorbedId);
  return true;
};

/**
 * The alarm tasks finishing interrupted merges: one whose records moved is finished, any other
 * forgotten. Each is asked for now, as the alarm runs: objects from before the alarm schedule
 * noted their merges only in their own table.
 */
export const absorptionTasks = async (member: MemberContext): Promise<Record<string, AlarmTask>> => {
  const tasks: Record<string, AlarmTask> = {};
  for (const { absorbedId, survivorId } of notedAbsorptions(member.sql)) {
    await member.schedule.runBy(absorbTask(absorbedId), clock.now());
    tasks[absorbTask(absorbedId)] = async () => {
      const absorbed = await findMember(database(member.env.DB), absorbedId);
      if (absorbed?.mergedInto === survivorId) await finishAbsorbing(member, absorbedId);
      else {
        forgetAbsorption(member.sql, absorbedId);
        await reopenUnlessMerged(member, absorbedId, absorbed);
      }
    };
  }
  return tasks;
};

/**
 * First half of handing this member's document to the account it was merged into: closes the
 * sockets of both rooms (their tokens no longer work, so nothing new arrives) and returns the
 * contents. `surrender` empties the document once the survivor holds them.
 */
export const freeze = (member: MemberContext): MemberContents => {
  markMerged(member.sql);
  for (const name of [memberRoom(member.memberId), accountRoom(member.memberId)]) {
    for (const socket of member.sockets(name)) socket.close(CLOSE_MEMBER_MERGED, 'member merged');
  }
  return readMemberContents(memberDoc(member));
};

export const surrender = (member: MemberContext): void => clearMemberContents(memberDoc(member));
