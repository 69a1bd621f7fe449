import { relations } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { STAFF_ROLES } from '../shared/staffRoles';
import { epochMs } from './columns';

/**
 * Back office accounts. `login` is an email, stored case-folded so it is unique whatever the case
 * it is typed in. `passwordHash` is `pbkdf2-sha256$<iterations>$<salt>$<hash>`
 * (`workers/staff/rules/passwordHash.ts`).
 */
export const staff = sqliteTable('staff', {
  id: text('id').primaryKey(),
  login: text('login').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: STAFF_ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Wrong passwords in a row since the last right one (`workers/staff/rules/lockout.ts`). */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: epochMs('locked_until'),
  createdAt: epochMs('created_at').notNull(),
  updatedAt: epochMs('updated_at').notNull(),
  disabledAt: epochMs('disabled_at'),
});

/** A signed-in browser: only the SHA-256 of the cookie's token is kept, so the table leaks no session. */
export const staffSessions = sqliteTable(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    createdAt: epochMs('created_at').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    lastSeenAt: epochMs('last_seen_at').notNull(),
    revokedAt: epochMs('revoked_at'),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

/** Single-use tickets for a script's monitor socket (`?ticket=`), kept as the SHA-256 of the ticket. */
export const socketTickets = sqliteTable('socket_tickets', {
  ticketHash: text('ticket_hash').primaryKey(),
  /** The staff member it was issued to, or null for the API key. */
  staffId: text('staff_id').references(() => staff.id),
  expiresAt: epochMs('expires_at').notNull(),
  usedAt: epochMs('used_at'),
});

/**
 * Every back office write, its refusals, logins and lockouts: who (`actorKind` staff or api-key),
 * when, what (method, route pattern, target), the answer's status and, where the route records
 * them, the entity's before and after.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: epochMs('at').notNull(),
    actorKind: text('actor_kind', { enum: ['staff', 'api-key', 'anonymous'] }).notNull(),
    actorId: text('actor_id'),
    actorLogin: text('actor_login'),
    /** `write` for an admin write; `login`, `login_failed`, `login_locked`, `logout` for sessions. */
    action: text('action').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    entity: text('entity'),
    targetId: text('target_id'),
    status: integer('status').notNull(),
    body: text('body', { mode: 'json' }).$type<unknown>(),
    /** `[{entity, id, before, after}]` as the route recorded them. */
    changes: text('changes', { mode: 'json' }).$type<unknown[]>().notNull().default([]),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorLogin, t.id),
    index('audit_events_entity_idx').on(t.entity, t.id),
  ],
);

export const staffRelations = relations(staff, ({ many }) => ({ sessions: many(staffSessions) }));

export const staffSessionsRelations = relations(staffSessions, ({ one }) => ({
  staff: one(staff, { fields: [staffSessions.staffId], references: [staff.id] }),
}));
