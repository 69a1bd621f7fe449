import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('auth', 'anyone');
const describedForMembers = featureRoutes('auth', 'member');

/** What a guest's bearer token does when sent along with a login. */
const GUEST_MERGE = "A guest token sent as `Authorization: Bearer` merges that guest's cart into the member's.";

const LOGIN_ANSWER = '`{ token, memberId, role, expiresAt }`: the same member whatever identity or channel';

/** How `auth.ts` is described in `/api/openapi.json`. */
export const docs = {
  phoneCode: described({
    summary: 'Send an SMS login code to a phone',
    responses: { 200: '`{ sent, expiresAt }`' },
  }),
  phone: described({
    summary: 'Log in with a phone and its SMS code',
    description: GUEST_MERGE,
    responses: {
      200: LOGIN_ANSWER,
      401: 'a wrong, used or expired code',
      429: 'too many wrong codes',
    },
  }),
  wechat: described({
    summary: 'Log in with a WeChat login code',
    description: GUEST_MERGE,
    responses: { 200: LOGIN_ANSWER, 401: 'WeChat refused the code' },
  }),
  guest: described({
    summary: 'Start a guest session',
    responses: { 201: '`{ token, memberId }` of a new guest', 429: 'too many guest sessions from this address' },
  }),
  renew: describedForMembers({
    summary: 'Trade a token that still works for a fresh one',
    description: 'Same member, channel and role; `expiresAt` says when the new token stops working.',
    responses: {
      200: '`{ token, memberId, role, expiresAt }`',
      401: 'an invalid or expired token, or a merged member',
    },
  }),
};
