import { featureRoutes } from '../../edge/apiDescription';

const anyone = featureRoutes('staff', 'anyone');
const signedIn = featureRoutes('staff', 'staff');

/** How `staffSession.ts` is described in `/api/openapi.json`. */
export const docs = {
  login: anyone({
    summary: 'Sign a staff member in',
    description:
      'Sets the `mallsync_staff` session cookie (HttpOnly, SameSite=Strict, 12 h from its last use). ' +
      'Five wrong passwords in a row lock the account for 15 minutes.',
    responses: {
      200: '`{ staff: { id, login, name, role, permissions } }`',
      401: '`invalid_credentials`: the login or the password is wrong',
      403: 'sent from another origin',
      423: '`login_locked`: too many wrong passwords; `Retry-After` says for how many seconds',
    },
  }),
  logout: signedIn({
    summary: 'End the session of the cookie',
    responses: { 204: 'the session is revoked and the cookie cleared', 403: 'sent from another origin' },
  }),
  me: signedIn({
    summary: 'The signed-in staff member',
    responses: { 200: '`{ staff: { id, login, name, role, permissions } }`' },
  }),
};
