/** The demo operator's admin token, kept for this tab only (sessionStorage); it travels in a header, never a URL. */
const TOKEN_KEY = 'mallsync.adminToken';

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);

export const keepToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token);

export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);
