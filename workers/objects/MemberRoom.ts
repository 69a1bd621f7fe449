import type { BalanceAdjustment, PointsAdjustment } from '../../shared/api/members';
import type { Channel } from '../../shared/channels';
import type { AccountContents, Assets } from '../../shared/docs/account';
import { MEMBER_WRITABLE_TYPES, type MemberContents } from '../../shared/docs/member';
import { CLOSE_MEMBER_MERGED } from '../../shared/protocol/closeCodes';
import { accountRoom, memberRoom, parseRoom } from '../../shared/rooms';
import { errorResponse } from '../edge/errors';
import type { Env } from '../env';
import { accountContents } from '../records/accountRecords';
import { claimCoupon } from '../records/couponRecords';
import { database } from '../records/db';
import { appendLedger, ledgerTotals } from '../records/ledgerRecords';
import { findMember, setMemberTags } from '../records/memberRecords';
import { mergeMembers } from '../records/mergeRecords';
import { isMemberOrder } from '../records/orderRecords';
import { type Refusal, refusal } from '../records/refusal';
import { skuListing } from '../records/skuRecords';
import { pointsPercentOf, settleTier } from '../records/tierRecords';
import { accountMirrored, mirrorAccount } from './member/accountMirror';
import { clearMemberContents, mergeMemberContents, readMemberContents } from './member/memberContents';
import { enforceMemberRules, referencedSkus } from './member/memberRules';
import { touchedTypes } from './member/touchedTypes';
import type { RoomDoc } from './room/roomDoc';
import type { SocketIdentity } from './room/socketIdentity';
import { PERMISSION_DENIED_FRAME, YRoom } from './room/YRoom';

/** How soon an interrupted merge is retried. */
const ABSORB_RETRY_MS = 1000;

const ORDER_NOT_FOUND = refusal(404, 'not_found', 'no such order of this member', 'orderId');

export const memberRoomOf = (env: Env, memberId: string) => env.MEMBER_ROOM.get(env.MEMBER_ROOM.idFromName(memberId));

/**
 * One member's live state: `member:<id>` (cart, favorites, history; written by the member's
 * clients, kept within the rules by the server) and `account:<id>` (orders, assets, coupons; a
 * read-only mirror of D1). Strong operations on the member (ledger moves, coupon claims,
 * merges) are calls into this object and run one at a time, each followed by the mirror.
 */
export class MemberRoom extends YRoom<Env> {
  /** Strong operations, one after another. */
  private operations: Promise<unknown> = Promise.resolve();
  /** Rule checks after client updates, one after another, each on the state it finds. */
  private checks: Promise<void> = Promise.resolve();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Merges into this member that have begun: `pending` until the absorbed document's contents
    // are in this one, then `applied` until the absorbed document is emptied.
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS absorptions (
      absorbed_id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL, state TEXT NOT NULL)`);
  }

  protected async admit(identity: SocketIdentity): Promise<Response | null> {
    const room = parseRoom(identity.room);
    const memberId = room?.id;
    if (!memberId || identity.memberId !== memberId) return errorResponse(403, 'forbidden', 'not your room');
    if (room.kind === 'account' && !accountMirrored(this.room(identity.room).doc)) {
      await this.serially(() => this.mirror(memberId));
    }
    return null;
  }

  /**
   * A client may only write `cart`, `favorites` and `history`; anything touching another
   * top-level type is refused whole. What it wrote is then checked against the rules.
   */
  protected override applyClientUpdate(
    room: RoomDoc,
    update: Uint8Array,
    socket: WebSocket,
    identity: SocketIdentity,
  ): void {
    const outside = [...touchedTypes(room.doc, update)].some((name) => !MEMBER_WRITABLE_TYPES.includes(name));
    if (outside) {
      socket.send(PERMISSION_DENIED_FRAME);
      return;
    }
    super.applyClientUpdate(room, update, socket, identity);
    this.checks = this.checks.then(() => this.enforceRules(room)).catch((error) => console.error('rule check', error));
  }

  /** The account document's contents, rewritten from D1 first. */
  async account(memberId: string): Promise<AccountContents | Refusal> {
    return this.serially(() => this.mirror(memberId));
  }

  async adjustPoints(memberId: string, adjustment: PointsAdjustment, operator: string): Promise<Assets | Refusal> {
    return this.serially(async () => {
      const db = database(this.env.DB);
      const member = await findMember(db, memberId);
      if (!member) return refusal(404, 'not_found', 'member not found', 'memberId');
      if (await this.notMemberOrder(memberId, adjustment.orderId)) return ORDER_NOT_FOUND;
      const percent = adjustment.byTier && adjustment.delta > 0 ? await pointsPercentOf(db, member.tier) : 100;
      const delta = Math.floor((adjustment.delta * percent) / 100);
      const entry = { memberId, delta, reason: adjustment.reason, orderId: adjustment.orderId, operator };
      if (!(await appendLedger(db, 'points', entry, Date.now()))) {
        return refusal(409, 'insufficient_points', 'points cannot go below zero', 'delta');
      }
      await settleTier(db, memberId, (await ledgerTotals(db, memberId)).earnedPoints);
      return this.assetsAfterMirror(memberId);
    });
  }

  async adjustBalance(memberId: string, adjustment: BalanceAdjustment, operator: string): Promise<Assets | Refusal> {
    return this.serially(async () => {
      if (await this.notMemberOrder(memberId, adjustment.orderId)) return ORDER_NOT_FOUND;
      const entry = { memberId, ...adjustment, operator };
      if (!(await appendLedger(database(this.env.DB), 'balance', entry, Date.now()))) {
        return refusal(409, 'insufficient_balance', 'the balance cannot go below zero', 'delta');
      }
      return this.assetsAfterMirror(memberId);
    });
  }

  async setTags(memberId: string, tags: string[]): Promise<Assets | Refusal> {
    return this.serially(async () => {
      await setMemberTags(database(this.env.DB), memberId, tags);
      return this.assetsAfterMirror(memberId);
    });
  }

  async claimCoupon(memberId: string, couponId: number, channel: Channel): Promise<{ claimId: number } | Refusal> {
    return this.serially(async () => {
      const claimed = await claimCoupon(database(this.env.DB), memberId, couponId, channel, Date.now());
      if ('claimId' in claimed) await this.mirror(memberId);
      return claimed;
    });
  }

  /**
   * Merges `absorbedId` into this member (`survivorId`): the records move in D1 exactly once,
   * then the absorbed member's cart, favorites and history join this member's document and the
   * account mirror is rewritten. Returns false when the merge had already happened (or the
   * survivor was itself merged away), changing nothing. The merge is noted here (with an alarm)
   * before D1 moves, so if this object fails part-way the alarm finishes it.
   */
  async absorb(survivorId: string, absorbedId: string): Promise<boolean> {
    return this.serially(async () => {
      this.ctx.storage.sql.exec(
        "INSERT OR IGNORE INTO absorptions (absorbed_id, survivor_id, state) VALUES (?, ?, 'pending')",
        absorbedId,
        survivorId,
      );
      await this.ctx.storage.setAlarm(Date.now() + ABSORB_RETRY_MS);
      if (!(await mergeMembers(database(this.env.DB), absorbedId, survivorId, Date.now()))) {
        this.ctx.storage.sql.exec("DELETE FROM absorptions WHERE absorbed_id = ? AND state = 'pending'", absorbedId);
        return false;
      }
      await this.finishAbsorbing(survivorId, absorbedId);
      return true;
    });
  }

  /**
   * First half of handing this member's document to the account it was merged into: closes the
   * sockets of both rooms (their tokens no longer work, so nothing new arrives) and returns the
   * contents. `surrender` empties the document once the survivor holds them.
   */
  async freeze(memberId: string): Promise<MemberContents> {
    for (const name of [memberRoom(memberId), accountRoom(memberId)]) {
      for (const socket of this.ctx.getWebSockets(name)) socket.close(CLOSE_MEMBER_MERGED, 'member merged');
    }
    return readMemberContents(this.room(memberRoom(memberId)).doc);
  }

  async surrender(memberId: string): Promise<void> {
    clearMemberContents(this.room(memberRoom(memberId)).doc);
  }

  /** Finishes merges that a failure interrupted after their records had moved. */
  override async alarm(): Promise<void> {
    await this.serially(async () => {
      const open = this.ctx.storage.sql
        .exec<{ absorbed_id: string; survivor_id: string }>('SELECT absorbed_id, survivor_id FROM absorptions')
        .toArray();
      for (const { absorbed_id: absorbedId, survivor_id: survivorId } of open) {
        const absorbed = await findMember(database(this.env.DB), absorbedId);
        if (absorbed?.mergedInto === survivorId) await this.finishAbsorbing(survivorId, absorbedId);
        else this.ctx.storage.sql.exec('DELETE FROM absorptions WHERE absorbed_id = ?', absorbedId);
      }
    });
  }

  /**
   * Moves the absorbed member's document contents into this one. Taking them in and marking the
   * absorption `applied` happen in one turn (one storage write), so a retry never adds a cart
   * twice; the absorbed document is emptied only after that.
   */
  private async finishAbsorbing(survivorId: string, absorbedId: string): Promise<void> {
    const absorbed = memberRoomOf(this.env, absorbedId);
    const room = this.room(memberRoom(survivorId));
    try {
      const state = this.ctx.storage.sql
        .exec<{ state: string }>('SELECT state FROM absorptions WHERE absorbed_id = ?', absorbedId)
        .one().state;
      if (state === 'pending') {
        const incoming = await absorbed.freeze(absorbedId);
        mergeMemberContents(room.doc, incoming);
        this.ctx.storage.sql.exec("UPDATE absorptions SET state = 'applied' WHERE absorbed_id = ?", absorbedId);
      }
      await absorbed.surrender(absorbedId);
      this.ctx.storage.sql.exec('DELETE FROM absorptions WHERE absorbed_id = ?', absorbedId);
    } catch (error) {
      await this.ctx.storage.setAlarm(Date.now() + ABSORB_RETRY_MS);
      throw error;
    }
    await this.enforceRules(room);
    await this.mirror(survivorId);
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.operations.then(operation);
    this.operations = run.catch(() => undefined);
    return run;
  }

  /** A ledger row may name an order only if it is one of the member's. */
  private async notMemberOrder(memberId: string, orderId: string | undefined): Promise<boolean> {
    return orderId !== undefined && !(await isMemberOrder(database(this.env.DB), memberId, orderId));
  }

  private async mirror(memberId: string): Promise<AccountContents | Refusal> {
    const contents = await accountContents(database(this.env.DB), memberId, Date.now());
    if (!contents) return refusal(404, 'not_found', 'member not found', 'memberId');
    mirrorAccount(this.room(accountRoom(memberId)).doc, contents);
    return contents;
  }

  private async assetsAfterMirror(memberId: string): Promise<Assets | Refusal> {
    const contents = await this.mirror(memberId);
    return 'refused' in contents ? contents : contents.assets;
  }

  /**
   * Looks up the SKUs the document names, then fixes what breaks a rule on the state it finds
   * then. SKUs that arrived during the lookup are left to the check their own update queued.
   */
  private async enforceRules(room: RoomDoc): Promise<void> {
    const skuIds = referencedSkus(room.doc);
    const listing = await skuListing(database(this.env.DB), skuIds);
    enforceMemberRules(
      room.doc,
      new Map(skuIds.map((id) => [id, listing.has(id) ? (listing.get(id) ? 'listed' : 'delisted') : 'unknown'])),
    );
  }
}
