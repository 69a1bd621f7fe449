import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('coupons', 'member');

/** How `coupons.ts` is described in `/api/openapi.json`. */
export const docs = {
  offered: described({
    summary: "Coupons offered on the token's channel",
    responses: { 200: '`{ coupons }`, with what this member has claimed' },
  }),
  claim: described({
    summary: 'Claim a coupon',
    description: 'Claimed on one channel, usable on any of the coupon’s channels.',
    responses: {
      201: '`{ claimId, couponId }`',
      404: 'no such coupon',
      409: 'not claimable: not on this channel, none left, or claimed enough',
    },
  }),
};
