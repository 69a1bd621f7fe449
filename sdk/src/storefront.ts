import { ObservableV2 } from 'lib0/observable';
import * as Y from 'yjs';
import type { AddressPatchRequest, NewAddressRequest } from '../../shared/api/addresses';
import type { DeliveryRequest } from '../../shared/api/checkout';
import type { ClaimableCoupon } from '../../shared/api/coupons';
import type { Order, Payment } from '../../shared/api/orderRecord';
import type { PaymentMethod } from '../../shared/api/payments';
import type { ProductAnswer } from '../../shared/api/productViews';
import type { Channel } from '../../shared/channels';
import type { BookAddress } from '../../shared/checkout';
import { LISTING_MAP, type ListingEntry } from '../../shared/docs/listing';
import { accountRoom, memberRoom } from '../../shared/rooms';
import { accountViews } from './accountDocument';
import type { Backoff } from './backoff';
import { CatalogFeeds, catalogReads } from './catalog';
import { HubConnection } from './connection';
import type { StorefrontEvents } from './events';
import { HubError, HubHttp } from './http';
import { type LiveView, liveView } from './liveView';
import { memberViews } from './memberDocument';
import type { DocPersistence, Runtime } from './runtime';
import { SessionKeeper } from './session';

export interface StorefrontOptions {
  /** The hub, e.g. `https://mall.example.com` (its sockets are at `/sync`). */
  url: string;
  channel: Channel;
  runtime: Runtime;
  /**
   * The share of sockets that acknowledge what they applied, for the monitor's latency (default
   * 0.01). Each acknowledgement is one more event for the room per change: with every socket
   * acknowledging, a 1,000-viewer room's p99 was about 3.5x (README, `BENCH_ACKS=1`), so a tenth of
   * them would cost about a quarter, over the 10 % budget; a hundredth stays within it and still
   * gives such a room about ten samples per change (`npm run bench:fanout` with `BENCH_SDK=1`).
   */
  ackSampleRate?: number;
  backoff?: Backoff;
  /** Start a guest session when there is none, so the cart works from the first visit (default true). */
  guest?: boolean;
  /** The device's clock (ms since the epoch), by which the session is renewed before it expires. */
  now?: () => number;
}

/** The member's two documents, their device copies and the views over them, for one member. */
interface MemberSpace {
  memberId: string;
  member: Y.Doc;
  account: Y.Doc;
  stored: DocPersistence[];
  views: ReturnType<typeof memberViews> & ReturnType<typeof accountViews>;
}

/**
 * A view that follows the member space: when the shopper logs in as someone else (or out),
 * subscribers move to the new member's documents and hear the new value.
 */
const following = <T>(current: () => LiveView<T>, swaps: Set<() => void>): LiveView<T> =>
  liveView(
    () => current().get(),
    (changed) => {
      let off = current().subscribe(changed);
      const swap = () => {
        off();
        off = current().subscribe(changed);
        changed();
      };
      swaps.add(swap);
      return () => {
        swaps.delete(swap);
        off();
      };
    },
  );

/** How long a login waits for the guest's edits to reach the hub, and for the member's documents. */
const CARRY_WAIT_MS = 5000;

/** Waits for `promise`, but no longer than `ms` (what it waits for may never come offline). */
const within = (promise: Promise<unknown>, ms: number): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });

const randomKey = (): string => Array.from({ length: 16 }, () => Math.floor(Math.random() * 36).toString(36)).join('');

/** The highest `rev` a listing feed shows: what its acknowledgement reports. */
const feedRev = (doc: Y.Doc): number | null => {
  let highest: number | null = null;
  for (const line of doc.getMap<ListingEntry>(LISTING_MAP).values()) {
    if (highest === null || line.rev > highest) highest = line.rev;
  }
  return highest;
};

/**
 * A storefront on the hub: session, catalog, the member's cart, favorites, history, orders,
 * assets, coupons and addresses, checkout and payment, over at most two sockets (the member's
 * documents on one, the feeds on screen on the other).
 */
export const createStorefront = (options: StorefrontOptions) => {
  const { runtime, channel } = options;
  const base = options.url.replace(/\/$/, '');
  const syncUrl = `${base.replace(/^http/, 'ws')}/sync`;
  const events = new ObservableV2<StorefrontEvents>();
  const http = new HubHttp(base, runtime.fetch, events);
  const now = options.now ?? Date.now;
  const session = new SessionKeeper(http, runtime.storage, channel, events, now);
  const sampled = () => Math.random() < (options.ackSampleRate ?? 0.01);

  /**
   * The member socket keeps failing before it opens: a refused upgrade shows no status, so the
   * session is asked over HTTP; a 401 ends it, a network still down leaves the socket retrying.
   */
  const checkSession = async () => {
    try {
      const current = await session.fresh();
      if (current) await http.call('GET', '/api/members/me', { token: current.token });
    } catch (error) {
      if (error instanceof HubError && error.status === 401) await session.ended(error);
    }
  };
  const memberConnection = new HubConnection({
    name: 'member',
    syncUrl,
    channel,
    runtime,
    events,
    backoff: options.backoff,
    token: () => session.current?.token,
    measured: false,
    onRefusedUpgrades: () => void checkSession(),
  });
  const catalogConnection = new HubConnection({
    name: 'catalog',
    syncUrl,
    channel,
    runtime,
    events,
    backoff: options.backoff,
    measured: sampled(),
    revOf: (_room, doc) => feedRev(doc),
  });
  const feeds = new CatalogFeeds(catalogConnection);
  const catalog = catalogReads(http, feeds, base, channel, now);

  const swaps = new Set<() => void>();
  const emptyMember = new Y.Doc();
  const emptyAccount = new Y.Doc();
  let space: MemberSpace | null = null;
  // Read through a function: TypeScript cannot see that `enter` reassigns it meanwhile.
  const currentSpace = (): MemberSpace | null => space;
  const views = () => space?.views ?? { ...memberViews(emptyMember, channel, now), ...accountViews(emptyAccount) };

  const enter = async (memberId: string | null): Promise<void> => {
    if (space?.memberId === memberId) return;
    const previous = space;
    space = null;
    if (memberId) {
      const member = new Y.Doc();
      const account = new Y.Doc();
      const stored = runtime.persist
        ? [runtime.persist(memberRoom(memberId), member), runtime.persist(accountRoom(memberId), account)]
        : [];
      await Promise.all(stored.map((s) => s.loaded));
      space = {
        memberId,
        member,
        account,
        stored,
        views: { ...memberViews(member, channel, now), ...accountViews(account) },
      };
      memberConnection.setRooms([
        { name: memberRoom(memberId), doc: member },
        { name: accountRoom(memberId), doc: account },
      ]);
    } else {
      memberConnection.setRooms([]);
    }
    for (const swap of [...swaps]) swap();
    if (previous) {
      for (const s of previous.stored) s.destroy();
      previous.member.destroy();
      previous.account.destroy();
    }
  };

  let entering: Promise<void> = Promise.resolve();
  session.view.subscribe((s) => {
    entering = enter(s?.memberId ?? null);
  });

  /**
   * Logs in from a guest session without losing what the guest put in the cart: the hub merges
   * what it holds of the guest's documents, so the guest's last edits are flushed to it first;
   * lines it never got (the device was offline) are added to the member's cart afterwards.
   */
  /** Logins in flight: the guest they merge is closed by the hub meanwhile. */
  let loggingIn = 0;
  const carryingGuest = async <T>(login: () => Promise<T>): Promise<T> => {
    loggingIn += 1;
    try {
      return await carryGuest(login);
    } finally {
      loggingIn -= 1;
    }
  };
  const carryGuest = async <T>(login: () => Promise<T>): Promise<T> => {
    const guest = session.current?.role === 'guest' ? space : null;
    if (guest) await within(memberConnection.flush(memberRoom(guest.memberId)), CARRY_WAIT_MS);
    const cart = guest?.views.cart.get() ?? [];
    const favorites = guest?.views.favorites.get() ?? [];
    const result = await login();
    await entering;
    const now = currentSpace();
    if (guest && now && now.memberId !== guest.memberId) {
      await within(memberConnection.synced(memberRoom(now.memberId)), CARRY_WAIT_MS);
      const has = new Set(now.views.cart.get().map((l) => l.skuId));
      for (const line of cart) if (!has.has(line.skuId)) now.views.cart.add(line.skuId, line.qty);
      for (const f of favorites) if (!now.views.favorites.has(f.skuId)) now.views.favorites.toggle(f.skuId);
    }
    return result;
  };
  const pause = () => {
    memberConnection.pause();
    catalogConnection.pause();
  };
  const resume = () => {
    memberConnection.reconnect();
    catalogConnection.reconnect();
  };
  // A mini-program's network is cut soon after it hides: close cleanly, and resync when it is back.
  const unhooks = [runtime.onHide?.(pause), runtime.onShow?.(resume)];
  // A merged account's tokens stop working: the session ends, and the storefront is asked to log in.
  // A login from a guest session merges the guest itself: its socket's close is no such end.
  events.on('refusal', (refusal) => {
    if (refusal.kind !== 'merged' || loggingIn > 0) return;
    const current = session.current;
    // A socket of an earlier session (the guest a login merged) says nothing of this one.
    if (current && !refusal.rooms.includes(memberRoom(current.memberId))) return;
    void session
      .logOut()
      .then(() => events.emit('refusal', [{ kind: 'auth-required', reason: 'the account was merged' }]));
  });
  const ready = (async () => {
    const restored = await session.restore();
    if (!restored && options.guest !== false) await session.guest();
    await entering;
    const current = currentSpace();
    if (current) await within(memberConnection.synced(memberRoom(current.memberId)), CARRY_WAIT_MS);
  })();

  const member = async <T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const { token } = await session.required();
    try {
      return await http.call<T>(method, path, { body, token, headers });
    } catch (error) {
      await session.ended(error);
      throw error;
    }
  };
  const view = <K extends keyof ReturnType<typeof views>>(key: K) =>
    following(() => views()[key] as unknown as LiveView<ReturnType<ReturnType<typeof views>[K]['get']>>, swaps);

  return {
    /** Resolves once the stored session (or a new guest one) and the member's documents are in place. */
    ready,
    events,
    on: events.on.bind(events) as typeof events.on,
    off: events.off.bind(events) as typeof events.off,
    auth: {
      session: session.view,
      requestCode: (phone: string) => session.requestCode(phone),
      loginWithPhone: (phone: string, code: string) => carryingGuest(() => session.loginWithPhone(phone, code)),
      loginWithWechat: (code: string) => carryingGuest(() => session.loginWithWechat(code)),
      guest: () => session.guest(),
      bindPhone: (phone: string, code: string) => session.bindPhone(phone, code),
      /** Ends the session and forgets the member's documents kept on the device (a shared computer). */
      logOut: async () => {
        const leaving = currentSpace();
        await session.logOut();
        await Promise.all((leaving?.stored ?? []).map((stored) => stored.clear()));
      },
    },
    catalog,
    product: (productId: string, known?: ProductAnswer) => catalog.product(productId, known),
    cart: {
      ...view('cart'),
      add: (skuId: string, qty?: number) => views().cart.add(skuId, qty),
      setQty: (skuId: string, qty: number) => views().cart.setQty(skuId, qty),
      remove: (skuId: string) => views().cart.remove(skuId),
      select: (skuId: string, selected?: boolean) => views().cart.select(skuId, selected),
    },
    favorites: { ...view('favorites'), toggle: (skuId: string) => views().favorites.toggle(skuId) },
    history: { ...view('history'), record: (skuId: string) => views().history.record(skuId) },
    orders: {
      ...view('orders'),
      detail: (orderId: string) => member<Order>('GET', `/api/orders/${orderId}`),
      cancel: (orderId: string) => member<Order>('POST', `/api/orders/${orderId}/cancel`),
      confirm: (orderId: string) => member<Order>('POST', `/api/orders/${orderId}/confirm`),
    },
    assets: view('assets'),
    coupons: {
      ...view('coupons'),
      /** What the shopper may claim on this channel. */
      claimable: async () => (await member<{ coupons: ClaimableCoupon[] }>('GET', '/api/coupons')).coupons,
      claim: (couponId: number) =>
        member<{ claimId: number; couponId: number }>('POST', `/api/coupons/${couponId}/claim`),
    },
    addresses: {
      ...view('addresses'),
      /** `wx.chooseAddress`'s result may be passed as it is. */
      add: (address: NewAddressRequest) => member<BookAddress>('POST', '/api/members/me/addresses', address),
      update: (addressId: string, patch: AddressPatchRequest) =>
        member<BookAddress>('PATCH', `/api/members/me/addresses/${addressId}`, patch),
      makeDefault: (addressId: string) => member<BookAddress>('POST', `/api/members/me/addresses/${addressId}/default`),
      remove: (addressId: string) => member<null>('DELETE', `/api/members/me/addresses/${addressId}`),
    },
    /**
     * Places an order for the cart's selected lines (or `items`), and takes them out of the cart.
     * One idempotency key per call: a retried request returns the same order.
     */
    async checkout(
      order: { items?: Array<{ skuId: string; qty: number }>; couponId?: number; delivery?: DeliveryRequest } = {},
    ) {
      const items =
        order.items ??
        views()
          .cart.get()
          .filter((l) => l.selected)
          .map(({ skuId, qty }) => ({ skuId, qty }));
      const placed = await member<Order>(
        'POST',
        '/api/orders',
        { ...order, items },
        { 'Idempotency-Key': randomKey() },
      );
      if (!order.items) views().cart.removeMany(items.map((i) => i.skuId));
      return placed;
    },
    pay: (orderId: string, method: PaymentMethod) =>
      member<Order & { payment: Payment | null }>('POST', `/api/orders/${orderId}/pay`, { method }),
    /** Sockets open now (at most two). */
    sockets: () => memberConnection.sockets + catalogConnection.sockets,
    /** Whether each socket is open. */
    online: () => ({ member: memberConnection.online, catalog: catalogConnection.online }),
    /** Closes both sockets for the background, and opens them again. */
    pause,
    resume,
    close: () => {
      for (const unhook of unhooks) unhook?.();
      memberConnection.destroy();
      catalogConnection.destroy();
      for (const s of space?.stored ?? []) s.destroy();
    },
  };
};

export type Storefront = ReturnType<typeof createStorefront>;
