/** Tokens live 7200 s, like WeChat's. */
export const TOKEN_TTL_S = 7_200;
/** A newer token leaves the previous ones valid this long (WeChat's overlap on renewal). */
const OVERLAP_MS = 5 * 60_000;

/** The token names its shop so the Worker can route a call to the right object. */
export const appidOfToken = (token: string): string | null => {
  const dot = token.lastIndexOf('.');
  return dot > 0 ? token.slice(dot + 1) : null;
};

export type TokenCheck = 'valid' | 'unknown' | 'expired';

/** Issued access tokens and their expiry, in the shop's storage. */
export class TokenLedger {
  constructor(private readonly sql: SqlStorage) {}

  issue(appid: string, now: number): { access_token: string; expires_in: number } {
    this.sql.exec('UPDATE tokens SET expires_at = MIN(expires_at, ?)', now + OVERLAP_MS);
    const token = `${crypto.randomUUID().replaceAll('-', '')}.${appid}`;
    this.sql.exec('INSERT INTO tokens (token, expires_at) VALUES (?, ?)', token, now + TOKEN_TTL_S * 1000);
    return { access_token: token, expires_in: TOKEN_TTL_S };
  }

  check(token: string, now: number): TokenCheck {
    const [row] = this.sql
      .exec<{ expires_at: number }>('SELECT expires_at FROM tokens WHERE token = ?', token)
      .toArray();
    if (!row) return 'unknown';
    return row.expires_at > now ? 'valid' : 'expired';
  }

  /** Every token expires now (42001 from then on). */
  expireAll(now: number): void {
    this.sql.exec('UPDATE tokens SET expires_at = ?', now);
  }

  /** Every token is forgotten (40001 from then on). */
  revokeAll(): void {
    this.sql.exec('DELETE FROM tokens');
  }
}
