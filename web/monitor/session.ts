/** The operator's admin token, kept for this tab only (sessionStorage), and calls made with it. */
const TOKEN_KEY = 'mallsync.adminToken';

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);

export const keepToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);

export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

/** Thrown when the hub refuses the token, so the page can go back to the sign-in form. */
export class TokenRefused extends Error {}

/** Calls the admin API with the token; answers the JSON body, throws on any other status than 2xx. */
export const adminCall = async <T>(token: string, method: string, path: string): Promise<T> => {
  const response = await fetch(path, { method, headers: { Authorization: `Bearer ${token}` } });
  if (response.status === 401 || response.status === 403) throw new TokenRefused('the hub refused this token');
  const body = (await response.json()) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `${method} ${path}: ${response.status}`);
  return body;
};
