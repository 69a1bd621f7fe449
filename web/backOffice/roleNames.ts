import type { StaffRole } from '../../shared/staffRoles';

/** How the back office names each role. */
export const ROLE_NAMES: Record<StaffRole, string> = {
  owner: 'Owner',
  operator: 'Operator',
  customer_service: 'Customer service',
  finance: 'Finance',
  viewer: 'Viewer',
};
