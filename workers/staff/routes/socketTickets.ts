import { Hono } from 'hono';
import type { HubEnv } from '../../edge/hubEnv';
import { principalOf } from '../principal';
import { issueSocketTicket } from '../socketTickets';
import { docs } from './adminAudit.docs';

/** Tickets for scripts' monitor sockets, so the API key never travels in a URL. */
export const socketTicketRoutes = new Hono<HubEnv>().post('/', docs.ticket, async (c) => {
  const principal = principalOf(c);
  if (!principal) throw new Error('socket tickets are mounted behind the admin middleware');
  return c.json(await issueSocketTicket(c.env, principal), 201);
});
