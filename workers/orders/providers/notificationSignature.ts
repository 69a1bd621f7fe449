/** The header carrying a payment notification's signature: hex HMAC-SHA256 of the raw body. */
export const PAYMENT_SIGNATURE_HEADER = 'X-Payment-Signature';

const encoder = new TextEncoder();
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;

const hmacKey = (secret: string) =>
  crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

export const signNotification = async (secret: string, body: string): Promise<string> => {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
};

/** Whether `signature` is the body's HMAC under `secret` (compared in constant time by WebCrypto). */
export const verifyNotification = async (secret: string, body: string, signature: string | undefined) => {
  if (!secret || !signature || !HEX_SIGNATURE.test(signature)) return false;
  const mac = Uint8Array.from(signature.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  return crypto.subtle.verify('HMAC', await hmacKey(secret), mac, encoder.encode(body));
};
