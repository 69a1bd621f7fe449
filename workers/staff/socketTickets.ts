import type { Context } from 'hono';
import { ApiError } from '../edge/errors';
import type { Env } from '../env';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import type { Principal } from './principal';
import { insertTicket, redeemTicket } from './records/ticketRecords';
import { newSecretToken, tokenHash } from './secretTokens';
import { currentSession } from './sessionCookie';

/** A ticket opens one monitor socket within a minute of being issued. */
export const TICKET_LIFETIME_MS = 60_000;

/** A single-use ticket for `?ticket=` on `/sync`, so no long-lived credential travels in a URL. */
export const issueSocketTicket = async (
  env: Env,
  principal: Principal,
): Promise<{ ticket: string; expiresAt: number }> => {
  const ticket = newSecretToken();
  const expiresAt = clock.now() + TICKET_LIFETIME_MS;
  await insertTicket(database(env.DB), {
    ticketHash: await tokenHash(ticket),
    staffId: principal.kind === 'staff' ? principal.staff.id : null,
    expiresAt,
  });
  return { ticket, expiresAt };
};

/**
 * Who may watch the monitor socket: any staff member by the session cookie the browser's upgrade
 * carries, or a script by a ticket it has not used yet. The admin token in the URL is refused.
 */
export const admitMonitorWatcher = async (c: Context): Promise<void> => {
  const ticket = c.req.query('ticket');
  if (ticket !== undefined) {
    if (await redeemTicket(database(c.env.DB), await tokenHash(ticket), clock.now())) return;
    throw new ApiError(401, 'unauthorized', 'the ticket is unknown, used or expired');
  }
  if (await currentSession(c)) return;
  throw new ApiError(
    401,
    'unauthorized',
    'sign in, or open the socket with a ticket from POST /api/admin/socket-tickets',
  );
};
