import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin members', 'admin');

/** How `adminCoupons.ts` is described in `/api/openapi.json`. */
export const docs = {
  create: described({ summary: 'Define a coupon', responses: { 201: 'the coupon' } }),
  list: described({ summary: 'The coupons, paged', responses: { 200: 'a page of coupons' } }),
  read: described({ summary: 'A coupon', responses: { 200: 'the coupon', 404: 'no such coupon' } }),
  edit: described({
    summary: "Edit a coupon's terms",
    description: 'Refused when the result would take something from members who hold it.',
    responses: {
      200: 'the edited coupon',
      400: 'a field is invalid, or the terms make no sense together',
      404: 'no such coupon',
      409: 'members hold it on the old terms, or kept claiming it during the edit',
    },
  }),
  disable: described({
    summary: 'Disable a coupon',
    responses: { 200: 'the disabled coupon', 404: 'no such coupon' },
  }),
};
