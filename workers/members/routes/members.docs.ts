import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('members', 'member');

/** How `members.ts` is described in `/api/openapi.json`. */
export const docs = {
  me: described({
    summary: 'The calling member or guest',
    responses: { 200: '`{ memberId, channel, role, identities }`' },
  }),
  bind: described({
    summary: 'Bind a phone or WeChat identity to this account',
    description: 'An identity of another account merges that account into this one, once.',
    responses: {
      200: 'the account after binding (and merging)',
      401: 'a wrong or expired code',
      403: 'a guest token: guests log in instead',
      409: 'another account took the identity meanwhile',
    },
  }),
};
