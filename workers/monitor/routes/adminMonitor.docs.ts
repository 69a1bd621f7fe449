import { featureRoutes } from '../../edge/apiDescription';

const described = featureRoutes('monitor', 'admin');

/** How `adminMonitor.ts` is described in `/api/openapi.json`. */
export const docs = {
  checks: described({
    summary: 'Run the consistency checks now',
    description:
      'Price and stock between rooms and D1, points and balance against the ledgers: the records changed since the last check and those it left differing or in flight, or every record with `sweep=full`.',
    responses: { 200: 'what the checks found' },
  }),
  log: described({ summary: 'The sync log, paged', responses: { 200: 'a page of sync events' } }),
  forceSync: described({
    summary: 'Force Sync: write every room through to D1 and the catalog again',
    responses: { 200: 'what was synced' },
  }),
};
