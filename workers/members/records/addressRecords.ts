import { and, desc, eq, ne } from 'drizzle-orm';
import { memberAddresses } from '../../../schema';
import type { BookAddress, PostalAddress } from '../../../shared/checkout';
import type { Database } from '../../records/db';

type AddressRow = typeof memberAddresses.$inferSelect;

const bookAddressOf = ({ memberId: _, ...row }: AddressRow): BookAddress => row;

/** The member's address book: the default first, then the newest. */
export const addressBook = async (db: Database, memberId: string): Promise<BookAddress[]> =>
  (
    await db.query.memberAddresses.findMany({
      where: eq(memberAddresses.memberId, memberId),
      orderBy: [desc(memberAddresses.isDefault), desc(memberAddresses.createdAt), desc(memberAddresses.id)],
    })
  ).map(bookAddressOf);

export const findAddress = async (db: Database, memberId: string, addressId: string): Promise<BookAddress | null> => {
  const row = await db.query.memberAddresses.findFirst({
    where: and(eq(memberAddresses.id, addressId), eq(memberAddresses.memberId, memberId)),
  });
  return row ? bookAddressOf(row) : null;
};

/** Clears every other default of the member: for a batch that makes `addressId` the default. */
const clearOtherDefaults = (db: Database, memberId: string, addressId: string) =>
  db
    .update(memberAddresses)
    .set({ isDefault: false })
    .where(and(eq(memberAddresses.memberId, memberId), ne(memberAddresses.id, addressId)));

export const insertAddress = async (
  db: Database,
  memberId: string,
  entry: { id: string; address: PostalAddress; isDefault: boolean; now: number },
): Promise<void> => {
  const insert = db.insert(memberAddresses).values({
    id: entry.id,
    memberId,
    ...entry.address,
    isDefault: entry.isDefault,
    createdAt: entry.now,
    updatedAt: entry.now,
  });
  if (entry.isDefault) await db.batch([clearOtherDefaults(db, memberId, entry.id), insert]);
  else await insert;
};

export const updateAddress = async (
  db: Database,
  memberId: string,
  addressId: string,
  change: { patch: Partial<PostalAddress>; isDefault: boolean; now: number },
): Promise<void> => {
  const update = db
    .update(memberAddresses)
    .set({ ...change.patch, ...(change.isDefault ? { isDefault: true } : {}), updatedAt: change.now })
    .where(and(eq(memberAddresses.id, addressId), eq(memberAddresses.memberId, memberId)));
  if (change.isDefault) await db.batch([clearOtherDefaults(db, memberId, addressId), update]);
  else await update;
};

/** Deletes an address; when it was the default, the most recently added one left becomes it. */
export const deleteAddress = async (
  db: Database,
  memberId: string,
  addressId: string,
  successorId: string | null,
): Promise<void> => {
  const remove = db
    .delete(memberAddresses)
    .where(and(eq(memberAddresses.id, addressId), eq(memberAddresses.memberId, memberId)));
  if (successorId === null) await remove;
  else
    await db.batch([
      remove,
      db
        .update(memberAddresses)
        .set({ isDefault: true })
        .where(and(eq(memberAddresses.id, successorId), eq(memberAddresses.memberId, memberId))),
    ]);
};
