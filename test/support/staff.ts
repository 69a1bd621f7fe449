import { SELF } from 'cloudflare:test';
import type { StaffRole } from '../../shared/staffRoles';
import { ADMIN, admin } from './hub';

/** The origin `SELF.fetch` requests are made on: a browser on the back office sends it as `Origin`. */
export const HUB_ORIGIN = 'http://hub';

export interface StaffAccount {
  id: string;
  login: string;
  name: string;
  role: StaffRole;
  password: string;
}

let accounts = 0;

/** A new staff account with `role`, created by the API key; its login is unique to this test run. */
export const createStaffAccount = async (role: StaffRole, name = `Staff ${role}`): Promise<StaffAccount> => {
  accounts += 1;
  const login = `${role}.${accounts}.${crypto.randomUUID().slice(0, 8)}@mall.example`;
  const password = `correct horse ${accounts}`;
  const response = await admin('POST', '/api/admin/staff', { login, name, role, password });
  if (response.status !== 201) throw new Error(`staff account failed: ${response.status} ${await response.text()}`);
  const created = await response.json<Omit<StaffAccount, 'password'>>();
  return { ...created, password };
};

/** `POST /api/staff/login` as a browser on the hub's own origin. */
export const staffLogin = (login: string, password: string, origin = HUB_ORIGIN) =>
  SELF.fetch(`${HUB_ORIGIN}/api/staff/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ login, password }),
  });

/** The `mallsync_staff=<token>` pair of a response's Set-Cookie, as a browser sends it back. */
export const sessionCookieOf = (response: Response): string => {
  const pair = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .findLast((cookie) => cookie.startsWith('mallsync_staff='));
  if (!pair) throw new Error(`no session cookie in ${response.status} ${response.headers.get('Set-Cookie')}`);
  return pair;
};

/** Signs `account` in; answers the cookie a browser would then send. */
export const signedIn = async (account: StaffAccount): Promise<string> => {
  const response = await staffLogin(account.login, account.password);
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return sessionCookieOf(response);
};

/** Headers of a same-origin browser request carrying the staff cookie. */
export const withCookie = (cookie: string, origin = HUB_ORIGIN): Record<string, string> => ({
  Cookie: cookie,
  Origin: origin,
});

/** Calls the hub's HTTP API as a signed-in browser (JSON in and out). */
export const asStaff = (cookie: string, method: string, path: string, body?: unknown, origin = HUB_ORIGIN) =>
  admin(method, path, body, withCookie(cookie, origin));

/** A single-use monitor socket ticket, issued to the API key. */
export const socketTicket = async (headers: Record<string, string> = ADMIN): Promise<string> => {
  const response = await admin('POST', '/api/admin/socket-tickets', undefined, headers);
  if (response.status !== 201) throw new Error(`ticket failed: ${response.status} ${await response.text()}`);
  return (await response.json<{ ticket: string }>()).ticket;
};

/** The upgrade of `/sync/monitor` with the given query and headers. */
export const monitorUpgrade = (query: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`${HUB_ORIGIN}/sync/monitor?channel=pc${query}`, { headers: { Upgrade: 'websocket', ...headers } });

interface AuditEventAnswer {
  id: number;
  at: number;
  actorKind: string;
  actorId: string | null;
  actorLogin: string | null;
  action: string;
  method: string;
  route: string;
  entity: string | null;
  targetId: string | null;
  status: number;
  body: unknown;
  changes: { entity: string; id: string; before: unknown; after: unknown }[];
}

/** `GET /api/admin/audit?…` with the API key: the page of events, newest first. */
export const auditEvents = async (query: Record<string, string>) => {
  const response = await admin('GET', `/api/admin/audit?${new URLSearchParams(query)}`);
  if (response.status !== 200) throw new Error(`audit failed: ${response.status} ${await response.text()}`);
  return response.json<{ events: AuditEventAnswer[]; nextCursor: string | null }>();
};
