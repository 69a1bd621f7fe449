import type { z } from 'zod';
import type { newStaffSchema, staffPatchSchema } from '../../shared/api/staff';
import { ApiError, notFound } from '../edge/errors';
import { clock } from '../platform/clock';
import type { Database } from '../records/db';
import { newId } from '../records/ids';
import { hashPassword } from './passwords';
import { revokeSessionsOf } from './records/sessionRecords';
import { insertStaff, otherActiveOwners, type StaffRow, staffById, updateStaff } from './records/staffRecords';

export const createStaff = async (db: Database, account: z.infer<typeof newStaffSchema>): Promise<StaffRow> => {
  const now = clock.now();
  const created = await insertStaff(db, {
    id: newId('stf'),
    login: account.login,
    name: account.name,
    role: account.role,
    passwordHash: await hashPassword(account.password),
    createdAt: now,
    updatedAt: now,
  });
  if (!created) throw new ApiError(409, 'login_taken', `login: ${account.login} already has an account`, 'login');
  return created;
};

/**
 * Renames, changes the role of, disables or enables an account, or resets its password. The last
 * active owner can be neither demoted nor disabled, or no one could manage staff any more. A
 * disabled account or a reset password ends every session of that account.
 */
export const editStaff = async (
  db: Database,
  id: string,
  patch: z.infer<typeof staffPatchSchema>,
): Promise<{ before: StaffRow; after: StaffRow }> => {
  const before = await staffById(db, id);
  if (!before) throw notFound('staff member', 'staffId');
  const now = clock.now();
  const stillOwner = (patch.role ?? before.role) === 'owner';
  const stillActive = patch.disabled === undefined ? before.disabledAt === null : !patch.disabled;
  const activeOwner = before.role === 'owner' && before.disabledAt === null;
  if (activeOwner && !(stillOwner && stillActive) && (await otherActiveOwners(db, id)) === 0) {
    throw new ApiError(
      409,
      'last_owner',
      'the last active owner can be neither demoted nor disabled',
      patch.role ? 'role' : 'disabled',
    );
  }
  const after = await updateStaff(db, id, {
    updatedAt: now,
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.role === undefined ? {} : { role: patch.role }),
    ...(patch.disabled === undefined ? {} : { disabledAt: patch.disabled ? (before.disabledAt ?? now) : null }),
    // A reset password also lifts a lock: the owner has vouched for whoever signs in next.
    ...(patch.password === undefined
      ? {}
      : { passwordHash: await hashPassword(patch.password), failedAttempts: 0, lockedUntil: null }),
  });
  if (!after) throw notFound('staff member', 'staffId');
  if (patch.disabled === true || patch.password !== undefined) await revokeSessionsOf(db, id, now);
  return { before, after };
};
