import { z } from 'zod';
import type { auditEvents } from '../../schema/staff';
import { STAFF_ROLES, type StaffRole } from '../staffRoles';
import { cursorSchema, pageLimitSchema } from './paging';

/** A staff login is an email, kept case-folded so `Ann@Mall.example` and `ann@mall.example` are one account. */
const login = z
  .string()
  .trim()
  .max(254)
  .transform((text) => text.toLowerCase())
  .pipe(z.email());

const password = z.string().min(10, 'at least 10 characters').max(256);
const name = z.string().trim().min(1).max(100);
const role = z.enum(STAFF_ROLES);

/** `POST /api/staff/login`. The password is only checked, so any length is taken. */
export const staffLoginSchema = z.strictObject({ login: z.string().max(254), password: z.string().max(256) });

/** `POST /api/admin/staff`: a new account. */
export const newStaffSchema = z.strictObject({ login, name, role, password });

/** `PATCH /api/admin/staff/:staffId`: rename, change role, disable or enable, reset the password. */
export const staffPatchSchema = z
  .strictObject({
    name: name.optional(),
    role: role.optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'name at least one field to change' });

export const staffIdSchema = z.strictObject({ staffId: z.string().regex(/^stf_[a-z0-9]{16}$/, 'not a staff id') });

/** `GET /api/admin/audit`: newest first; `q` searches the route, target, actor, body and changes. */
export const auditQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  actor: z.string().trim().min(1).max(254).optional(),
  entity: z.string().trim().min(1).max(50).optional(),
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema,
});

/** What the API shows of an account: never its password hash or attempt count. */
export interface StaffView {
  id: string;
  login: string;
  name: string;
  role: StaffRole;
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** One audit log entry as `GET /api/admin/audit` answers it. */
export type AuditEntryView = typeof auditEvents.$inferSelect;
