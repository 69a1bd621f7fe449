import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('admin members', 'admin');

/** How `adminMembers.ts` is described in `/api/openapi.json`. */
export const docs = {
  list: described({ summary: 'Find members: by phone, tier, tag, paging', responses: { 200: 'a page of members' } }),
  phoneRepair: described({
    summary: 'Rewrite stored phone numbers in E.164 and merge the accounts that then meet',
    responses: { 200: 'what was repaired and merged' },
  }),
  profile: described({
    summary: 'A member: nickname, tier, tags, identities and the accounts merged into it',
    description: 'An account merged away answers as the account it was merged into.',
    responses: { 200: 'the member', 404: 'no such member' },
  }),
  account: described({
    summary: "A member's assets, coupons and orders",
    description: 'An account merged away answers as the account it was merged into.',
    responses: { 200: 'the account', 404: 'no such member' },
  }),
  ledger: described({
    summary: "A member's points or balance ledger",
    responses: { 200: 'a page of ledger rows', 404: 'no such member' },
  }),
  tags: described({ summary: "Set a member's tags", responses: { 200: 'the assets', 404: 'no such member' } }),
  points: described({
    summary: "Move a member's points",
    responses: { 200: 'the assets', 404: 'no such member', 409: 'points would go below zero' },
  }),
  balance: described({
    summary: "Move a member's balance",
    responses: { 200: 'the assets', 404: 'no such member', 409: 'the balance would go below zero' },
  }),
};
