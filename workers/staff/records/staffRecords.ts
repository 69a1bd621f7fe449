import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { staff } from '../../../schema';
import type { StaffView } from '../../../shared/api/staff';
import type { StaffRole } from '../../../shared/staffRoles';
import type { Database } from '../../records/db';

export type { StaffRole, StaffView };
export type StaffRow = typeof staff.$inferSelect;

export const staffView = (row: StaffRow): StaffView => ({
  id: row.id,
  login: row.login,
  name: row.name,
  role: row.role,
  disabled: row.disabledAt !== null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export const staffByLogin = (db: Database, login: string): Promise<StaffRow | undefined> =>
  db.query.staff.findFirst({ where: eq(staff.login, login) });

export const staffById = (db: Database, id: string): Promise<StaffRow | undefined> =>
  db.query.staff.findFirst({ where: eq(staff.id, id) });

export const listStaff = (db: Database): Promise<StaffRow[]> => db.select().from(staff).orderBy(asc(staff.login));

/** Inserts an account; null when the login is taken. */
export const insertStaff = async (db: Database, row: typeof staff.$inferInsert): Promise<StaffRow | null> => {
  const [inserted] = await db.insert(staff).values(row).onConflictDoNothing({ target: staff.login }).returning();
  return inserted ?? null;
};

export const updateStaff = async (
  db: Database,
  id: string,
  set: Partial<Omit<typeof staff.$inferInsert, 'id' | 'login'>>,
): Promise<StaffRow | undefined> => {
  const [row] = await db.update(staff).set(set).where(eq(staff.id, id)).returning();
  return row;
};

/** Active owners other than `exceptId`: the last one may be neither demoted nor disabled. */
export const otherActiveOwners = async (db: Database, exceptId: string): Promise<number> =>
  (
    await db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.role, 'owner'), isNull(staff.disabledAt), ne(staff.id, exceptId)))
  ).length;
