/** The element the back office renders into: the Worker's document (`workers/backOffice/site.tsx`) holds it. */
export const BACK_OFFICE_ROOT_ID = 'back-office';
