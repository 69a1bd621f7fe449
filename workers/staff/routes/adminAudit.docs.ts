import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('staff', 'admin');

/** How `adminAudit.ts` and `socketTickets.ts` are described in `/api/openapi.json`. */
export const docs = {
  search: described({
    summary: 'The audit log, newest first (owner, finance, viewer)',
    description:
      'Every admin write (refused ones too, with their status), logins, failed logins, lockouts and logouts: ' +
      'who, when, the route and target, the body (passwords redacted) and, for entity edits, before and after. ' +
      '`q` searches the route, target, actor, body and changes; `actor` is a login, a staff id or `api-key`; ' +
      '`entity` a collection (`skus`, `products`, `members`, `coupons`, `flash-sales`, `orders`, `staff`); ' +
      '`from` and `to` are ms since the epoch.',
    responses: { 200: '`{ events, nextCursor }`', 403: 'a role that may not read it' },
  }),
  ticket: described({
    summary: 'A single-use ticket for the monitor socket',
    description:
      'Open `/sync?rooms=monitor&channel=pc&ticket=<ticket>` (or `/sync/monitor?…`) within 60 seconds; ' +
      'the ticket works once. Browsers signed in with the staff cookie need none.',
    responses: { 201: '`{ ticket, expiresAt }`' },
  }),
};
