import { type Context, Hono } from 'hono';
import {
  adminCouponQuerySchema,
  type CouponPatch,
  couponIdParam,
  couponPatchSchema,
  newCouponSchema,
} from '../../../shared/api/coupons';
import { ApiError, notFound } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import type { Env } from '../../env';
import { clock } from '../../platform/clock';
import { inBatches } from '../../platform/inBatches';
import { database } from '../../records/db';
import { recordChange } from '../../staff/auditTrail';
import { memberRoomOf } from '../MemberRoom';
import {
  adminCouponOf,
  couponHolders,
  disableCoupon,
  findCoupon,
  listCoupons,
  updateCoupon,
} from '../records/couponAdminRecords';
import { type Coupon, insertCoupon } from '../records/couponRecords';
import { brokenClaims, editedTerms } from '../rules/couponEdits';
import { docs } from './adminCoupons.docs';

const couponParam = validate('param', couponIdParam);

/** A claim landing between the checks and the guarded write is met by checking again, this many times. */
const EDIT_ATTEMPTS = 3;

/**
 * Edits a coupon unless the result makes no sense (400) or takes something from members who
 * hold it (409, `rules/couponEdits.ts`); their accounts then show the coupon as edited.
 */
const editCoupon = async (env: Env, couponId: number, patch: CouponPatch) => {
  const db = database(env.DB);
  for (let attempt = 0; attempt < EDIT_ATTEMPTS; attempt += 1) {
    const coupon = await findCoupon(db, couponId);
    if (!coupon) throw notFound('coupon', 'couponId');
    const edited = editedTerms(coupon, patch);
    if ('invalid' in edited) {
      const { field, message } = edited.invalid;
      throw new ApiError(400, 'invalid_input', `${field}: ${message}`, field);
    }
    const broken = brokenClaims(coupon, edited.terms, coupon.claimedQuantity);
    if (broken) throw new ApiError(409, 'coupon_claimed', broken.message, broken.field);
    // The edit breaks nothing for any number of claims up to the total, or only while none exist.
    const maxClaimed = brokenClaims(coupon, edited.terms, 1) === null ? edited.terms.totalQuantity : 0;
    const updated = await updateCoupon(db, couponId, patch, maxClaimed);
    if (updated) {
      await inBatches(await couponHolders(db, couponId), async (memberId) => {
        await memberRoomOf(env, memberId).account();
      });
      return adminCouponOf(updated, clock.now());
    }
  }
  throw new ApiError(409, 'coupon_busy', 'members kept claiming the coupon during the edit; try again');
};

/** Notes a coupon's edit in the audit log (`staff/auditTrail.ts`), and answers what it became. */
const couponChanged = <T>(c: Context, couponId: number, before: Coupon | null, after: T): T => {
  recordChange(c, {
    entity: 'coupons',
    id: String(couponId),
    before: before && adminCouponOf(before, clock.now()),
    after,
  });
  return after;
};

/**
 * Coupons operators define, list, edit and disable; members claim them with
 * `POST /api/coupons/:couponId/claim`.
 */
export const adminCouponRoutes = new Hono<HubEnv>()
  .post('/', docs.create, validate('json', newCouponSchema), async (c) => {
    const created = adminCouponOf(
      await insertCoupon(database(c.env.DB), c.req.valid('json'), clock.now()),
      clock.now(),
    );
    recordChange(c, { entity: 'coupons', id: String(created.id), before: null, after: created });
    return c.json(created, 201);
  })
  .get('/', docs.list, validate('query', adminCouponQuerySchema), async (c) =>
    c.json(await listCoupons(database(c.env.DB), c.req.valid('query'), clock.now())),
  )
  .get('/:couponId', docs.read, couponParam, async (c) => {
    const coupon = await findCoupon(database(c.env.DB), c.req.valid('param').couponId);
    if (!coupon) throw notFound('coupon', 'couponId');
    return c.json(adminCouponOf(coupon, clock.now()));
  })
  .patch('/:couponId', docs.edit, couponParam, validate('json', couponPatchSchema), async (c) => {
    const { couponId } = c.req.valid('param');
    const found = await findCoupon(database(c.env.DB), couponId);
    return c.json(couponChanged(c, couponId, found, await editCoupon(c.env, couponId, c.req.valid('json'))));
  })
  .post('/:couponId/disable', docs.disable, couponParam, async (c) => {
    const { couponId } = c.req.valid('param');
    const db = database(c.env.DB);
    const found = await findCoupon(db, couponId);
    const coupon = await disableCoupon(db, couponId, clock.now());
    if (!coupon) throw notFound('coupon', 'couponId');
    return c.json(couponChanged(c, couponId, found, adminCouponOf(coupon, clock.now())));
  });
