/** The back office's roles (`workers/staff/permissions.ts` says what each may do). */
export const STAFF_ROLES = ['owner', 'operator', 'customer_service', 'finance', 'viewer'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
