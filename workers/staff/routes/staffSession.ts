import type { Context } from 'hono';
import { Hono } from 'hono';
import { staffLoginSchema } from '../../../shared/api/staff';
import { ApiError, errorBody } from '../../edge/errors';
import type { HubEnv } from '../../edge/hubEnv';
import { validate } from '../../edge/validation';
import { clock } from '../../platform/clock';
import { database } from '../../records/db';
import { recordSessionEvent } from '../auditTrail';
import { refuseCrossSiteWrite } from '../crossSiteWrites';
import { ROLE_PERMISSIONS } from '../permissions';
import { revokeSession } from '../records/sessionRecords';
import type { StaffRow } from '../records/staffRecords';
import { clearSessionCookie, currentSession } from '../sessionCookie';
import { signIn } from '../staffLogin';
import { docs } from './staffSession.docs';

/** Who is signed in and what the role may do, so the back office shows only the screens it can use. */
const signedInAs = ({ id, login, name, role }: StaffRow) => ({
  staff: { id, login, name, role, permissions: ROLE_PERMISSIONS[role] },
});

const sessionOrRefuse = async (c: Context) => {
  const session = await currentSession(c);
  if (!session) {
    clearSessionCookie(c);
    throw new ApiError(401, 'unauthorized', 'not signed in');
  }
  return session;
};

/** Staff sign-in with the session cookie the back office and the monitoring page use. */
export const staffSessionRoutes = new Hono<HubEnv>()
  .post('/login', docs.login, validate('json', staffLoginSchema), async (c) => {
    // A login from a foreign page would sign the browser into someone else's account.
    if (c.req.header('Origin') !== undefined) refuseCrossSiteWrite(c);
    const outcome = await signIn(c, c.req.valid('json'));
    if ('signedIn' in outcome) return c.json(signedInAs(outcome.signedIn));
    if (outcome.refused === 'login_locked') {
      return c.json(errorBody('login_locked', 'too many wrong passwords; try again later'), 423, {
        'Retry-After': String(outcome.retryAfterS),
      });
    }
    return c.json(errorBody('invalid_credentials', 'wrong login or password'), 401);
  })
  .post('/logout', docs.logout, async (c) => {
    const session = await sessionOrRefuse(c);
    refuseCrossSiteWrite(c);
    await revokeSession(database(c.env.DB), session.sessionHash, clock.now());
    clearSessionCookie(c);
    await recordSessionEvent(c, {
      action: 'logout',
      status: 204,
      principal: { kind: 'staff', ...session },
      staffId: session.staff.id,
    });
    return c.body(null, 204);
  })
  .get('/me', docs.me, async (c) => c.json(signedInAs((await sessionOrRefuse(c)).staff)));
