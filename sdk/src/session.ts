import type { ObservableV2 } from 'lib0/observable';
import type { Session } from '../../shared/api/auth';
import type { Channel } from '../../shared/channels';
import { accountRoom, memberRoom } from '../../shared/rooms';
import type { StorefrontEvents } from './events';
import { HubError, type HubHttp } from './http';
import { type LiveView, liveView } from './liveView';
import type { KeyValueStore } from './runtime';

/** A token this close to its expiry is renewed before it is used. */
const RENEW_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The shopper's session on one channel: logins, the token kept in the runtime's storage and
 * renewed before it expires, and a guest's token sent along with a login so the hub carries
 * the guest's cart over. A 401 ends it: `merged` or `auth-required`, and no session.
 */
export class SessionKeeper {
  private session: Session | null = null;
  private readonly listeners = new Set<() => void>();
  private renewing: Promise<Session | null> | null = null;
  readonly view: LiveView<Session | null>;

  constructor(
    private readonly http: HubHttp,
    private readonly storage: KeyValueStore,
    private readonly channel: Channel,
    private readonly events: ObservableV2<StorefrontEvents>,
    private readonly now: () => number = Date.now,
  ) {
    this.view = liveView(
      () => this.session,
      (changed) => {
        this.listeners.add(changed);
        return () => this.listeners.delete(changed);
      },
    );
  }

  private get key(): string {
    return `mallsync.session.${this.channel}`;
  }

  get current(): Session | null {
    return this.session;
  }

  /** The stored session, if it still works (renewed when it is about to expire). */
  async restore(): Promise<Session | null> {
    const stored = await this.storage.get(this.key);
    const session = stored ? (JSON.parse(stored) as Session) : null;
    if (!session || session.expiresAt <= this.now()) {
      if (session) await this.set(null);
      return null;
    }
    // Told like a login: the storefront opens the member's documents for a restored session too.
    this.session = session;
    this.changed();
    return this.fresh();
  }

  /** The session with a token good for a while yet (renewing it first when it is close to expiry). */
  async fresh(): Promise<Session | null> {
    const session = this.session;
    if (!session || session.expiresAt - this.now() > RENEW_WITHIN_MS) return session;
    this.renewing ??= this.http
      .call<Session>('POST', '/api/auth/renew', { token: session.token })
      .then((renewed) => this.set(renewed).then(() => renewed))
      // Refused: the session is over. Not reached (offline): the token still works until it expires.
      .catch(async (error: unknown) => {
        if (!(error instanceof HubError && error.status === 401)) return session;
        await this.ended(error);
        return null;
      })
      .finally(() => {
        this.renewing = null;
      });
    return this.renewing;
  }

  requestCode(phone: string): Promise<{ sent: boolean; expiresAt: number }> {
    return this.http.call('POST', '/api/auth/phone/code', { body: { channel: this.channel, phone } });
  }

  loginWithPhone(phone: string, code: string): Promise<Session> {
    return this.logIn('/api/auth/phone', { channel: this.channel, phone, code });
  }

  /** A `wx.login()` code on a mini-program, an OAuth code elsewhere. */
  loginWithWechat(code: string): Promise<Session> {
    return this.logIn('/api/auth/wechat', { channel: this.channel, code });
  }

  async guest(): Promise<Session> {
    const session = await this.http.call<Session>('POST', '/api/auth/guest', { body: { channel: this.channel } });
    await this.set(session);
    return session;
  }

  /** Adds a phone to the member (a code sent to it first, as for a login). */
  async bindPhone(phone: string, code: string): Promise<{ memberId: string; merged: boolean }> {
    const session = await this.required();
    return this.http.call('POST', '/api/members/me/identities', {
      token: session.token,
      body: { kind: 'phone', phone, code },
    });
  }

  async logOut(): Promise<void> {
    await this.set(null);
  }

  /** The session a member call needs; none: `auth-required`, and an error. */
  async required(): Promise<Session> {
    const session = await this.fresh();
    if (session) return session;
    this.events.emit('refusal', [{ kind: 'auth-required', reason: 'log in first' }]);
    throw new HubError(401, 'unauthorized', 'log in first');
  }

  /** A call refused with 401 ends the session, as a storefront must show. */
  async ended(error: unknown): Promise<void> {
    if (!(error instanceof HubError) || error.status !== 401) throw error;
    const memberId = this.session?.memberId;
    await this.set(null);
    if (error.code === 'member_merged') {
      const rooms = memberId ? [memberRoom(memberId), accountRoom(memberId)] : [];
      this.events.emit('refusal', [{ kind: 'merged', rooms }]);
    } else this.events.emit('refusal', [{ kind: 'auth-required', reason: error.message }]);
  }

  private async logIn(path: string, body: Record<string, string>): Promise<Session> {
    // A guest's token goes along, so the hub merges the guest's cart and favorites into the member's.
    const guest = this.session?.role === 'guest' ? this.session.token : undefined;
    const session = await this.http.call<Session>('POST', path, { body, token: guest });
    await this.set(session);
    return session;
  }

  private async set(session: Session | null): Promise<void> {
    this.session = session;
    if (session) await this.storage.set(this.key, JSON.stringify(session));
    else await this.storage.remove(this.key);
    this.changed();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
    this.events.emit('session', [this.session]);
  }
}
