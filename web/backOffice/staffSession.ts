import { ObservableV2 } from 'lib0/observable';
import { HubError, HubHttp } from '../../sdk/src/http';
import type { StaffRole } from '../../shared/staffRoles';
import type { Permission } from '../../workers/staff/permissions';

/**
 * The staff member's session: signed in with login and password, held by the hub's HttpOnly
 * cookie (pages never see it), sent by the browser with every same-origin call and with the
 * monitor socket's upgrade. Shared by the back office and the monitoring page.
 */
export interface SignedInStaff {
  id: string;
  login: string;
  name: string;
  role: StaffRole;
  /** What the role may do (`workers/staff/permissions.ts`): the back office shows only these screens. */
  permissions: Permission[];
}

/** Thrown when the hub no longer knows the session, so the page can go back to the sign-in form. */
export class SessionEnded extends Error {}

const hub = new HubHttp('', (input, init) => fetch(input, init), new ObservableV2());

/** `POST /api/staff/login`; answers the staff member, or throws with what to show under the form. */
export const signIn = async (login: string, password: string): Promise<SignedInStaff> => {
  // Fetched directly rather than through `adminCall`: a lock's `Retry-After` says how long it has left.
  const response = await fetch('/api/staff/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (response.status === 401) throw new Error('Wrong login or password.');
  if (response.status === 423) {
    const minutes = Math.ceil(Number(response.headers.get('Retry-After') ?? 900) / 60);
    throw new Error(`Too many wrong passwords: this account is locked; try again in ${minutes} min.`);
  }
  const body = (await response.json().catch(() => ({}))) as { staff?: SignedInStaff; error?: { message?: string } };
  if (!response.ok || !body.staff) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body.staff;
};

/** Who the cookie signs in, or null when there is no live session. */
export const currentStaff = async (): Promise<SignedInStaff | null> => {
  const response = await fetch('/api/staff/me');
  return response.ok ? ((await response.json()) as { staff: SignedInStaff }).staff : null;
};

export const signOut = async (): Promise<void> => {
  await fetch('/api/staff/logout', { method: 'POST' });
};

/**
 * Calls the admin API with the session cookie and answers the JSON body. A refusal throws the
 * SDK's `HubError` (status, code, message and the field it names), to be shown where the
 * operator acted; an ended session throws `SessionEnded`.
 */
export const adminCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
  try {
    return await hub.call<T>(method, path, body === undefined ? {} : { body });
  } catch (error) {
    if (error instanceof HubError && error.status === 401) throw new SessionEnded('the session has ended');
    throw error;
  }
};
