import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('staff', 'admin');

/** How `adminStaff.ts` is described in `/api/openapi.json`. */
export const docs = {
  list: described({
    summary: 'Every staff account (owner only)',
    responses: { 200: '`{ staff }`', 403: 'not an owner' },
  }),
  create: described({
    summary: 'Create a staff account (owner only)',
    description: 'The login is an email, case-folded; the password at least 10 characters.',
    responses: { 201: 'the account', 403: 'not an owner', 409: '`login_taken`' },
  }),
  edit: described({
    summary: 'Rename, change the role of, disable or enable an account, or reset its password (owner only)',
    description: 'Disabling an account or resetting its password ends its sessions.',
    responses: {
      200: 'the account',
      403: 'not an owner',
      404: 'no such account',
      409: '`last_owner`: the last active owner can be neither demoted nor disabled',
    },
  }),
};
