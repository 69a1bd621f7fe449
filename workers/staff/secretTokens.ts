import { encodeBase64Url } from 'hono/utils/encode';

/** A new unguessable token (session cookie, socket ticket): 32 random bytes, base64url without padding. */
export const newSecretToken = (): string =>
  encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)).buffer).replace(/=+$/, '');

/** What the records keep of a token: its SHA-256, hex, so a leaked table opens no session. */
export const tokenHash = async (token: string): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
