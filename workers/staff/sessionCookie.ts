import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { clock } from '../platform/clock';
import { database } from '../records/db';
import { insertSession, liveSessionStaff, touchSession } from './records/sessionRecords';
import type { StaffRow } from './records/staffRecords';
import { newSecretToken, tokenHash } from './secretTokens';

export const SESSION_COOKIE = 'mallsync_staff';
/** A session lasts 12 hours from its last use. */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;

/** Plain http is only trusted on the machine itself (`npm start`); anywhere else the cookie needs https. */
const secureCookie = (c: Context): boolean => {
  const url = new URL(c.req.url);
  return !(url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));
};

const putCookie = (c: Context, token: string) =>
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: secureCookie(c),
    maxAge: SESSION_LIFETIME_MS / 1000,
  });

/** Starts a session for `account` and sets its cookie. */
export const startSession = async (c: Context, account: StaffRow): Promise<void> => {
  const token = newSecretToken();
  const now = clock.now();
  await insertSession(database(c.env.DB), {
    tokenHash: await tokenHash(token),
    staffId: account.id,
    now,
    expiresAt: now + SESSION_LIFETIME_MS,
  });
  putCookie(c, token);
};

/** The session of the request's cookie, its expiry slid forward; null when there is none or it ended. */
export const currentSession = async (c: Context): Promise<{ staff: StaffRow; sessionHash: string } | null> => {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) return null;
  const db = database(c.env.DB);
  const sessionHash = await tokenHash(token);
  const now = clock.now();
  const account = await liveSessionStaff(db, sessionHash, now);
  if (!account) return null;
  await touchSession(db, sessionHash, now, now + SESSION_LIFETIME_MS);
  putCookie(c, token);
  return { staff: account, sessionHash };
};

export const hasSessionCookie = (c: Context): boolean => getCookie(c, SESSION_COOKIE) !== undefined;

export const clearSessionCookie = (c: Context): void => {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookie(c), httpOnly: true, sameSite: 'Strict' });
};
