import type { Env } from '../env';
import { type Database, database } from '../records/db';
import { memberRoomOf } from './MemberRoom';
import { findMember, type Member, memberOfIdentities } from './records/memberRecords';
import {
  dropPhoneIdentity,
  phoneIdentitiesAfter,
  phoneIdentity,
  respellPhoneIdentity,
  type StoredPhone,
} from './records/phoneIdentityRecords';
import { canonicalPhone } from './rules/phoneNumbers';

/** What one run of the repair did. */
export interface PhoneRepair {
  /** Phone identities looked at. */
  checked: number;
  /** Identities now stored in their canonical form (respelled, or dropped beside it). */
  repaired: number;
  /** Accounts that held one number in different spellings, merged into the oldest. */
  merged: Array<{ survivorId: string; absorbedId: string }>;
  /** Identities that are no valid mobile number at all, left as they are (no login reaches them). */
  unreadable: number;
}

const PAGE_SIZE = 200;

/**
 * The account that survives: the older one, by creation (then id, so the choice never flips).
 * It is the one the shopper has had longest, which holds their tier and history (the seeded
 * `mem_demo_emma` of schema/seed.sql against one a later login created), and it stays the same
 * from run to run, where "more activity" would change with every order.
 */
const olderFirst = (a: Member, b: Member): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const holderOf = (db: Database, phone: string) => memberOfIdentities(db, [{ kind: 'phone', appId: '', value: phone }]);

/**
 * Merges the members holding `stored` and `canonical` (the older absorbs the other, through the
 * merge of `merges.ts`, exactly once), then drops the old spelling once one member holds both.
 */
const joinSpellings = async (
  env: Env,
  db: Database,
  stored: StoredPhone,
  canonical: string,
  holder: string,
  report: PhoneRepair,
) => {
  if (holder !== stored.memberId) {
    const pair = await Promise.all([findMember(db, holder), findMember(db, stored.memberId)]);
    const [survivor, absorbed] = pair.filter((m): m is Member => m !== null).sort(olderFirst);
    if (survivor && absorbed && (await memberRoomOf(env, survivor.id).absorb(absorbed.id))) {
      report.merged.push({ survivorId: survivor.id, absorbedId: absorbed.id });
    }
  }
  const now = await phoneIdentity(db, stored.id);
  if (now && now.memberId === (await holderOf(db, canonical))) {
    await dropPhoneIdentity(db, stored.id);
    report.repaired++;
  }
};

/** Brings one identity to its canonical spelling, merging accounts where that spelling is held. */
const repairIdentity = async (env: Env, db: Database, id: number, report: PhoneRepair) => {
  const stored = await phoneIdentity(db, id);
  if (!stored) return; // dropped by an earlier step of this run
  const canonical = canonicalPhone(stored.value);
  if (canonical === stored.value) return; // respelled by a run alongside this one
  if (canonical === null) {
    report.unreadable++;
    return;
  }
  const holder = await holderOf(db, canonical);
  if (holder === null && (await respellPhoneIdentity(db, id, canonical))) {
    report.repaired++;
    return;
  }
  // Held already, or bound by a login between the look-up and the respelling.
  const held = holder ?? (await holderOf(db, canonical));
  if (held) await joinSpellings(env, db, stored, canonical, held, report);
};

/**
 * Repairs phone identities stored before every input was canonicalised
 * (`rules/phoneNumbers.ts`): each is respelled to its canonical form, and accounts holding one
 * number in different spellings are merged into the oldest. A second run finds nothing to do.
 */
export const repairPhoneIdentities = async (env: Env): Promise<PhoneRepair> => {
  const db = database(env.DB);
  const report: PhoneRepair = { checked: 0, repaired: 0, merged: [], unreadable: 0 };
  for (let afterId = 0; ; ) {
    const page = await phoneIdentitiesAfter(db, afterId, PAGE_SIZE);
    for (const stored of page) {
      report.checked++;
      if (canonicalPhone(stored.value) !== stored.value) await repairIdentity(env, db, stored.id, report);
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return report;
    afterId = last.id;
  }
};
