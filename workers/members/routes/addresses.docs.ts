import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('members', 'member');

/** How `addresses.ts` is described in `/api/openapi.json`. */
export const docs = {
  list: described({ summary: 'The address book', responses: { 200: '`{ addresses }`' } }),
  add: described({
    summary: 'Add an address',
    responses: { 201: 'the address', 409: 'the address book is full' },
  }),
  edit: described({ summary: 'Edit an address', responses: { 200: 'the address', 404: 'no such address' } }),
  makeDefault: described({
    summary: 'Make an address the default',
    responses: { 200: 'the address', 404: 'no such address' },
  }),
  remove: described({ summary: 'Remove an address', responses: { 204: 'removed', 404: 'no such address' } }),
};
