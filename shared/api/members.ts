import { z } from 'zod';
import type { pointsLedger } from '../../schema';
import type { memberTiers } from '../../schema/tiers';
import { phonePrefix } from '../../workers/members/rules/phoneNumbers';
import { ID_PATTERN } from '../rooms';
import { eachOnce } from './eachOnce';
import { cursorSchema, pageLimitSchema } from './paging';

export const memberId = z.string().regex(ID_PATTERN, 'not a valid member id');
const reason = z.string().trim().min(1).max(200);
const orderId = z.string().regex(ID_PATTERN, 'not a valid order id');

export const tierSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'lowercase letters, digits, _ and - only'),
  title: z.string().trim().min(1).max(50),
  minPoints: z.number().int().min(0),
  pointsPercent: z.number().int().min(100).max(1000).optional(),
});

export const tagsSchema = z.strictObject({
  tags: z.array(z.string().trim().min(1).max(32)).max(50).refine(eachOnce(), { message: 'tags must be unique' }),
});

const delta = z
  .number()
  .int()
  .refine((n) => n !== 0, { message: 'must not be 0' });

/** An operator's points move; `byTier` multiplies a positive delta by the member tier's percentage. */
export const pointsAdjustmentSchema = z.strictObject({
  delta,
  reason,
  orderId: orderId.optional(),
  byTier: z.boolean().optional(),
});

/** An operator's balance move, in fen; the balance never goes below zero. */
export const balanceAdjustmentSchema = z.strictObject({ delta, reason, orderId: orderId.optional() });

/**
 * The back office's member search box: the start of a phone number however it is written (read
 * as the start of its E.164 form), else part of a nickname, or a member id.
 */
const memberSearch = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((text) => ({ text, phonePrefix: phonePrefix(text) }));

/** `GET /api/admin/members`: members newest first, searched by `q`, `limit` per page. */
export const adminMemberQuerySchema = z.strictObject({
  q: memberSearch.optional(),
  limit: pageLimitSchema,
  cursor: cursorSchema.optional(),
});

/** `GET /api/admin/members/:memberId/ledger`: one ledger's rows, newest first. */
export const ledgerQuerySchema = z.strictObject({
  kind: z.enum(['points', 'balance']),
  limit: pageLimitSchema,
  cursor: cursorSchema.optional(),
});

export type TierDefinition = z.infer<typeof tierSchema>;
export type PointsAdjustment = z.infer<typeof pointsAdjustmentSchema>;
export type BalanceAdjustment = z.infer<typeof balanceAdjustmentSchema>;
export type AdminMemberQuery = z.infer<typeof adminMemberQuerySchema>;
export type LedgerQuery = z.infer<typeof ledgerQuerySchema>;

/** A member tier as `GET /api/admin/tiers` lists it. */
export type TierView = typeof memberTiers.$inferSelect;
/** `GET /api/admin/members/:memberId`: who the member is, how they log in, and the accounts merged into theirs. */
export interface MemberProfile {
  id: string;
  nickname: string;
  tier: string;
  tags: string[];
  createdAt: number;
  /** Ways to log in: a phone (E.164), a WeChat OpenID (per app) or UnionID, a guest device. */
  identities: Array<{ kind: 'phone' | 'wechat_openid' | 'wechat_unionid' | 'guest'; appId: string; value: string }>;
  /** Accounts merged into this one (a phone bound to a WeChat account that had one), oldest first. */
  merged: Array<{ memberId: string; at: number }>;
}

/** A member as `GET /api/admin/members` lists them. */
export interface ListedMember {
  id: string;
  nickname: string;
  tier: string;
  tags: string[];
  /** The member's login phone numbers, E.164. */
  phones: string[];
  createdAt: number;
}

/** One row of the points or balance ledger (`schema/ledgers.ts`; balance in fen). */
export type LedgerEntry = typeof pointsLedger.$inferSelect;
