/**
 * The operator's staff session: signed in with login and password, held by the hub's HttpOnly
 * cookie (the page never sees it), sent by the browser with every same-origin call and with the
 * monitor socket's upgrade.
 */

export interface SignedInStaff {
  id: string;
  login: string;
  name: string;
  role: string;
}

/** Thrown when the hub no longer knows the session, so the page can go back to the sign-in form. */
export class SessionEnded extends Error {}

const errorMessage = async (response: Response): Promise<string> => {
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  return body.error?.message ?? `${response.status}`;
};

/** `POST /api/staff/login`; answers the staff member, or throws with what to show under the form. */
export const signIn = async (login: string, password: string): Promise<SignedInStaff> => {
  const response = await fetch('/api/staff/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (response.status === 401) throw new Error('Wrong login or password.');
  if (response.status === 423) {
    const minutes = Math.ceil(Number(response.headers.get('Retry-After') ?? 900) / 60);
    throw new Error(`Too many wrong passwords: try again in ${minutes} min.`);
  }
  if (!response.ok) throw new Error(await errorMessage(response));
  return ((await response.json()) as { staff: SignedInStaff }).staff;
};

/** Who the cookie signs in, or null when there is no live session. */
export const currentStaff = async (): Promise<SignedInStaff | null> => {
  const response = await fetch('/api/staff/me');
  return response.ok ? ((await response.json()) as { staff: SignedInStaff }).staff : null;
};

export const signOut = async (): Promise<void> => {
  await fetch('/api/staff/logout', { method: 'POST' });
};

/** Calls the admin API with the session cookie; answers the JSON body, throws on any other status than 2xx. */
export const adminCall = async <T>(method: string, path: string): Promise<T> => {
  const response = await fetch(path, { method });
  if (response.status === 401) throw new SessionEnded('the session has ended');
  if (!response.ok) throw new Error(await errorMessage(response));
  return (await response.json()) as T;
};
