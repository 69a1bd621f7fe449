import type { AddressPatch, NewAddress } from '../../shared/api/addresses';
import type { BookAddress } from '../../shared/checkout';
import { clock } from '../platform/clock';
import { type Refusal, refusal } from '../platform/refusal';
import { database } from '../records/db';
import { newId } from '../records/ids';
import { mirror } from './accountMirror';
import type { MemberContext } from './memberContext';
import { addressBook, deleteAddress, findAddress, insertAddress, updateAddress } from './records/addressRecords';

/** How many addresses a member's book holds at most. */
export const MAX_ADDRESSES = 20;

/** One change to the book, as plain data (it crosses Durable Object RPC). */
export type AddressBookChange =
  | { op: 'add'; entry: NewAddress }
  | { op: 'edit'; addressId: string; change: AddressPatch }
  | { op: 'delete'; addressId: string };

const ADDRESS_NOT_FOUND = refusal(404, 'not_found', 'address not found', 'addressId');

const applyChange = async (
  member: MemberContext,
  book: BookAddress[],
  change: AddressBookChange,
): Promise<string | Refusal> => {
  const db = database(member.env.DB);
  const now = clock.now();
  if (change.op === 'add') {
    if (book.length >= MAX_ADDRESSES)
      return refusal(409, 'address_book_full', `an address book holds at most ${MAX_ADDRESSES} addresses`);
    const id = newId('adr');
    // The first address of a book is its default: a non-empty book always has exactly one.
    const isDefault = change.entry.isDefault || book.length === 0;
    await insertAddress(db, member.memberId, { id, address: change.entry.address, isDefault, now });
    return id;
  }
  const entry = book.find((a) => a.id === change.addressId);
  if (!entry) return ADDRESS_NOT_FOUND;
  if (change.op === 'edit') {
    await updateAddress(db, member.memberId, entry.id, { ...change.change, now });
    return entry.id;
  }
  const successor = entry.isDefault
    ? (book.filter((a) => a.id !== entry.id).sort((a, b) => b.createdAt - a.createdAt)[0] ?? null)
    : null;
  await deleteAddress(db, member.memberId, entry.id, successor?.id ?? null);
  return entry.id;
};

/**
 * Changes the member's address book, one change at a time in the member's room (so the count
 * and the single default hold), then rewrites the account document every channel sees.
 * Answers the address changed (null once deleted).
 */
export const changeAddressBook = async (
  member: MemberContext,
  change: AddressBookChange,
): Promise<{ address: BookAddress | null } | Refusal> => {
  const db = database(member.env.DB);
  const changed = await applyChange(member, await addressBook(db, member.memberId), change);
  if (typeof changed !== 'string') return changed;
  await mirror(member);
  return { address: change.op === 'delete' ? null : await findAddress(db, member.memberId, changed) };
};
