import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../shared/api/auth';
import type { Channel } from '../shared/channels';
import { accountRoom, CATALOG_ROOM, MONITOR_ROOM, memberRoom, type RoomKind, skuRoom } from '../shared/rooms';
import { STAFF_ROLES, type StaffRole } from '../shared/staffRoles';
import { PAYMENT_SIGNATURE_HEADER, signNotification } from '../workers/orders/providers/notificationSignature';
import type { Order } from '../workers/orders/records/orderRecords';
import { type Permission, ROUTE_PERMISSIONS } from '../workers/staff/permissions';
import { createCoupon } from './support/account';
import { addedAddress, createPickupPoint } from './support/checkout';
import { bearer, expiredToken, forgedToken } from './support/credentials';
import { ADMIN, admin, createProduct } from './support/hub';
import { fillPath, hubRoutes, methodOf, paramsOf } from './support/hubRoutes';
import { bindPhone, freshPhone, freshWechatCode, guestLogin, phoneLogin } from './support/members';
import { placedOrder, shipOrder } from './support/orders';
import { type PayAnswer, paidOrder, payOrder } from './support/payments';
import { RoomClient } from './support/roomClient';
import { boundShop } from './support/shopsync';
import { createStaffAccount, signedIn, socketTicket, withCookie } from './support/staff';

/**
 * Who may call what: every route of the hub, by the middleware and checks in front of it
 * (`workers/edge/app.ts`, `workers/edge/middleware/`, the feature routes).
 * - `public`: no credentials asked;
 * - `rooms`: the sync endpoint, whose admission depends on the room (ROOM_ACCESS below);
 * - `signedWebhook`: the payment provider, by a signature over the body;
 * - `memberOrGuest`: a member token, a guest's too (`edge/middleware/memberAuth.ts`);
 * - `member`: a member token that is not a guest's;
 * - `staffSession`: a staff member's own session cookie (`workers/staff/routes/staffSession.ts`);
 * - `{ admin: permission }`: the API key (`Authorization: Bearer <ADMIN_TOKEN>`) or a staff session
 *   cookie whose role has that permission (`workers/staff/adminAccess.ts`).
 */
type Access =
  | 'public'
  | 'rooms'
  | 'signedWebhook'
  | 'memberOrGuest'
  | 'member'
  | 'staffSession'
  | { admin: Permission };

const ACCESS: Record<string, Access> = {
  'GET /health': 'public',
  'GET /sync': 'rooms',
  'GET /sync/:room': 'rooms',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/skus/:skuId': 'public',
  'GET /api/products': 'public',
  'GET /api/products/:productId': 'public',
  'GET /api/products/:productId/sales': 'public',
  'GET /api/categories': 'public',
  'GET /media/:imageId': 'public',
  'POST /api/auth/phone/code': 'public',
  'POST /api/auth/phone': 'public',
  'POST /api/auth/wechat': 'public',
  'POST /api/auth/guest': 'public',
  'POST /api/auth/renew': 'memberOrGuest',
  'GET /api/members/me': 'memberOrGuest',
  'POST /api/members/me/identities': 'member',
  'GET /api/members/me/addresses': 'memberOrGuest',
  'POST /api/members/me/addresses': 'memberOrGuest',
  'PATCH /api/members/me/addresses/:addressId': 'memberOrGuest',
  'POST /api/members/me/addresses/:addressId/default': 'memberOrGuest',
  'DELETE /api/members/me/addresses/:addressId': 'memberOrGuest',
  'GET /api/pickup-points': 'public',
  'GET /api/coupons': 'memberOrGuest',
  'POST /api/coupons/:couponId/claim': 'memberOrGuest',
  'POST /api/orders': 'memberOrGuest',
  'GET /api/orders': 'memberOrGuest',
  'GET /api/orders/:orderId': 'memberOrGuest',
  'POST /api/orders/:orderId/cancel': 'memberOrGuest',
  'POST /api/orders/:orderId/pay': 'memberOrGuest',
  'POST /api/orders/:orderId/confirm': 'memberOrGuest',
  'POST /api/payments/callback': 'signedWebhook',
  // The development provider's stand-in for the shopper paying; 404 under any other provider.
  'POST /api/payments/dev/:paymentId/complete': 'public',
  'POST /api/admin/products': { admin: 'catalog:write' },
  'GET /api/admin/products': { admin: 'records:read' },
  'GET /api/admin/products/:productId': { admin: 'records:read' },
  'PATCH /api/admin/products/:productId': { admin: 'catalog:write' },
  'PUT /api/admin/products/:productId/options': { admin: 'catalog:write' },
  'POST /api/admin/products/:productId/skus': { admin: 'catalog:write' },
  'PATCH /api/admin/products/:productId/skus/:skuId': { admin: 'catalog:write' },
  'DELETE /api/admin/products/:productId/skus/:skuId': { admin: 'catalog:write' },
  'POST /api/admin/categories': { admin: 'catalog:write' },
  'GET /api/admin/categories': { admin: 'records:read' },
  'PATCH /api/admin/categories/:categoryId': { admin: 'catalog:write' },
  'DELETE /api/admin/categories/:categoryId': { admin: 'catalog:write' },
  'POST /api/admin/images': { admin: 'catalog:write' },
  'PUT /api/admin/products/:productId/freight': { admin: 'delivery:write' },
  'GET /api/admin/pickup-points': { admin: 'records:read' },
  'POST /api/admin/pickup-points': { admin: 'delivery:write' },
  'PATCH /api/admin/pickup-points/:pointId': { admin: 'delivery:write' },
  'DELETE /api/admin/pickup-points/:pointId': { admin: 'delivery:write' },
  'PATCH /api/admin/skus/:skuId': { admin: 'catalog:write' },
  'POST /api/admin/skus/batch': { admin: 'catalog:write' },
  'GET /api/admin/skus/:skuId/sync': { admin: 'records:read' },
  'POST /api/admin/members/phone-repair': { admin: 'members:write' },
  'GET /api/admin/members': { admin: 'records:read' },
  'GET /api/admin/members/:memberId': { admin: 'records:read' },
  'GET /api/admin/members/:memberId/ledger': { admin: 'records:read' },
  'GET /api/admin/members/:memberId/account': { admin: 'records:read' },
  'PUT /api/admin/members/:memberId/tags': { admin: 'members:write' },
  'POST /api/admin/members/:memberId/points': { admin: 'assets:write' },
  'POST /api/admin/members/:memberId/balance': { admin: 'assets:write' },
  'GET /api/admin/tiers': { admin: 'records:read' },
  'POST /api/admin/tiers': { admin: 'promotions:write' },
  'POST /api/admin/coupons': { admin: 'promotions:write' },
  'GET /api/admin/coupons': { admin: 'records:read' },
  'GET /api/admin/coupons/:couponId': { admin: 'records:read' },
  'PATCH /api/admin/coupons/:couponId': { admin: 'promotions:write' },
  'POST /api/admin/coupons/:couponId/disable': { admin: 'promotions:write' },
  'POST /api/admin/flash-sales': { admin: 'catalog:write' },
  'GET /api/admin/flash-sales': { admin: 'records:read' },
  'GET /api/admin/flash-sales/:saleId': { admin: 'records:read' },
  'PATCH /api/admin/flash-sales/:saleId': { admin: 'catalog:write' },
  'DELETE /api/admin/flash-sales/:saleId': { admin: 'catalog:write' },
  'POST /api/admin/minishop/shops': { admin: 'minishop:write' },
  'GET /api/admin/minishop/shops': { admin: 'records:read' },
  'GET /api/admin/minishop/shops/:appid': { admin: 'records:read' },
  'DELETE /api/admin/minishop/shops/:appid': { admin: 'minishop:write' },
  'PATCH /api/admin/minishop/shops/:appid/rules': { admin: 'minishop:write' },
  'PUT /api/admin/minishop/shops/:appid/auto-sync': { admin: 'minishop:write' },
  'GET /api/admin/minishop/shops/:appid/freight-templates': { admin: 'records:read' },
  'POST /api/admin/minishop/shops/:appid/migrations': { admin: 'minishop:write' },
  'GET /api/admin/minishop/products/:productId/sales': { admin: 'records:read' },
  'PUT /api/admin/minishop/products/:productId/sales': { admin: 'minishop:write' },
  'GET /api/admin/dashboard': { admin: 'records:read' },
  'GET /api/admin/orders': { admin: 'records:read' },
  'GET /api/admin/orders/:orderId': { admin: 'records:read' },
  'POST /api/admin/orders/:orderId/complete': { admin: 'orders:write' },
  'POST /api/admin/orders/:id/ship': { admin: 'orders:write' },
  'POST /api/admin/orders/ship': { admin: 'orders:write' },
  'POST /api/admin/monitor/checks': { admin: 'monitor:write' },
  'GET /api/admin/monitor/log': { admin: 'records:read' },
  'POST /api/admin/monitor/force-sync': { admin: 'monitor:write' },
  'POST /api/admin/socket-tickets': { admin: 'monitor:watch' },
  'GET /api/admin/audit': { admin: 'audit:read' },
  'GET /api/admin/staff': { admin: 'staff:manage' },
  'POST /api/admin/staff': { admin: 'staff:manage' },
  'PATCH /api/admin/staff/:staffId': { admin: 'staff:manage' },
  'POST /api/staff/login': 'public',
  'POST /api/staff/logout': 'staffSession',
  'GET /api/staff/me': 'staffSession',
};

/**
 * What each role may do (README, "Back office staff"): the owner everything; the operator the
 * catalog, promotions, delivery, the Mini-Shop and the monitor's actions; customer service orders
 * and members; finance points and balance and the audit log; the viewer reads. Every role reads
 * the records and may watch the monitor.
 */
const ROLE_MAY: Record<StaffRole, Permission[]> = {
  owner: [
    'records:read',
    'catalog:write',
    'promotions:write',
    'delivery:write',
    'minishop:write',
    'orders:write',
    'members:write',
    'assets:write',
    'monitor:write',
    'monitor:watch',
    'audit:read',
    'staff:manage',
  ],
  operator: [
    'records:read',
    'catalog:write',
    'promotions:write',
    'delivery:write',
    'minishop:write',
    'monitor:write',
    'monitor:watch',
  ],
  customer_service: ['records:read', 'orders:write', 'members:write', 'monitor:watch'],
  finance: ['records:read', 'assets:write', 'audit:read', 'monitor:watch'],
  viewer: ['records:read', 'audit:read', 'monitor:watch'],
};

/** Who may join each kind of room (`workers/edge/roomAccess.ts`); `owner`: the member or guest it belongs to. */
const ROOM_ACCESS: Record<RoomKind, 'anyone' | 'owner' | 'staff'> = {
  sku: 'anyone',
  catalog: 'anyone',
  member: 'owner',
  account: 'owner',
  monitor: 'staff',
};

/** The ids the routes are called with: member A owns every order and payment, B and the guest own nothing of A's. */
interface Mall {
  productId: string;
  skuId: string;
  memberA: Session;
  memberB: Session;
  guest: Session;
  unpaid: Order;
  shipped: Order;
  pending: { orderId: string; paymentId: string; amount: number };
  couponId: number;
  saleId: string;
  addressId: string;
  pointId: string;
  appid: string;
  forged: string;
  expired: string;
  /** The token of an account since merged into another. */
  merged: string;
  /** A signed-in staff member's session cookie per role. */
  cookies: Record<StaffRole, string>;
  /** The account the staff routes are called on. */
  staffId: string;
}

const CHANNEL: Channel = 'pc';
const OTHER_CHANNEL: Channel = 'h5';
const DAY_MS = 86_400_000;
let mall: Mall;

beforeAll(async () => {
  const product = await createProduct(2, 'Auth matrix mug');
  const [sku, saleSku] = product.skus;
  if (!sku || !saleSku) throw new Error('the product has no two SKUs');
  const [memberA, memberB, guest] = [
    await phoneLogin(freshPhone(), CHANNEL),
    await phoneLogin(freshPhone(), CHANNEL),
    await guestLogin(CHANNEL),
  ];
  const absorbedPhone = freshPhone();
  const absorbed = await phoneLogin(absorbedPhone, CHANNEL);
  const bound = await bindPhone((await phoneLogin(freshPhone(), CHANNEL)).token, absorbedPhone);
  if (bound.status !== 200) throw new Error(`merge failed: ${bound.status} ${await bound.text()}`);
  const unpaid = await placedOrder(memberA.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
  const shipped = await paidOrder(memberA, sku.skuId);
  await shipOrder(shipped.id);
  const awaitingProvider = await placedOrder(memberA.token, { items: [{ skuId: sku.skuId, qty: 1 }] });
  const { payment } = await (await payOrder(memberA.token, awaitingProvider.id, 'provider')).json<PayAnswer>();
  if (!payment) throw new Error('the provider payment was not started');
  const sale = await admin('POST', '/api/admin/flash-sales', {
    name: 'Auth matrix sale',
    skuIds: [saleSku.skuId],
    price: 1,
    startsAt: Date.now() + DAY_MS,
    endsAt: Date.now() + 2 * DAY_MS,
    channels: 'all',
  });
  if (sale.status !== 201) throw new Error(`flash sale failed: ${sale.status} ${await sale.text()}`);
  mall = {
    productId: product.productId,
    skuId: sku.skuId,
    memberA,
    memberB,
    guest,
    unpaid,
    shipped,
    pending: { orderId: awaitingProvider.id, paymentId: payment.id, amount: payment.amount },
    couponId: (await createCoupon()).id,
    saleId: (await sale.json<{ id: string }>()).id,
    addressId: (await addedAddress(memberA.token)).id,
    pointId: (await createPickupPoint()).id,
    appid: (await boundShop({ products: 1, orders: 1 })).appid,
    forged: await forgedToken(memberA.memberId, CHANNEL),
    expired: await expiredToken(memberA.memberId, CHANNEL),
    merged: absorbed.token,
    cookies: Object.fromEntries(
      await Promise.all(STAFF_ROLES.map(async (role) => [role, await signedIn(await createStaffAccount(role))])),
    ),
    staffId: (await createStaffAccount('viewer', 'Auth matrix target')).id,
  };
});

/** Every path parameter of the hub, filled with ids of member A's world; `:orderId` as given. */
const pathFor = (route: string, orderId = mall.unpaid.id) =>
  fillPath(route, {
    skuId: mall.skuId,
    productId: mall.productId,
    memberId: mall.memberA.memberId,
    orderId,
    id: orderId,
    couponId: String(mall.couponId),
    saleId: mall.saleId,
    addressId: mall.addressId,
    pointId: mall.pointId,
    appid: mall.appid,
    paymentId: mall.pending.paymentId,
    categoryId: 'cat_matrix',
    staffId: mall.staffId,
    imageId: '0'.repeat(64),
  });

/** Bodies for the routes that validate one before they look at who owns what. */
const VALID_BODIES: Record<string, () => unknown> = {
  'POST /api/orders/:orderId/pay': () => ({ method: 'balance' }),
  'POST /api/members/me/identities': () => ({ kind: 'wechat', code: freshWechatCode() }),
};

const call = (route: string, headers: Record<string, string>, options: { path?: string; body?: unknown } = {}) =>
  SELF.fetch(`http://hub${options.path ?? pathFor(route)}`, {
    method: methodOf(route),
    headers: options.body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });

const expectRefused = async (response: Response, status: number, code: string) => {
  const text = await response.text();
  expect({ status: response.status, text }).toMatchObject({ status });
  expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
  expect(text).not.toContain(mall.memberA.memberId);
};

/** Member A's order as the back office sees it, payments included: what must not move. */
const orderRecord = async (orderId: string) => (await admin('GET', `/api/admin/orders/${orderId}`)).json();

const routes = hubRoutes();
const routesOf = (access: Exclude<Access, { admin: Permission }>) => routes.filter((route) => ACCESS[route] === access);
const permissionOf = (route: string): Permission | undefined => {
  const access = ACCESS[route];
  return typeof access === 'object' ? access.admin : undefined;
};
const adminRoutes = routes.filter((route) => permissionOf(route) !== undefined);
const roleCases = adminRoutes.flatMap((route) =>
  STAFF_ROLES.map((role) => ({ route, role, permission: permissionOf(route) as Permission })),
);
const allowedCases = roleCases.filter(({ role, permission }) => ROLE_MAY[role].includes(permission));
const deniedCases = roleCases.filter(({ role, permission }) => !ROLE_MAY[role].includes(permission));
const memberRoutes = [...routesOf('memberOrGuest'), ...routesOf('member')];

interface Caller {
  caller: string;
  headers: () => Record<string, string>;
  /** The error code of the 401. */
  code: 'unauthorized' | 'member_merged';
}

/** Callers no admin or member route lets through. */
const UNAUTHENTICATED: Caller[] = [
  { caller: 'no credentials', headers: () => ({}), code: 'unauthorized' },
  {
    caller: 'a member token, not as Bearer',
    headers: () => ({ Authorization: `Token ${mall.memberA.token}` }),
    code: 'unauthorized',
  },
  {
    caller: 'the admin token, not as Bearer',
    headers: () => ({ Authorization: `Token ${env.ADMIN_TOKEN}` }),
    code: 'unauthorized',
  },
  { caller: 'a wrong admin token', headers: () => bearer(`not-${env.ADMIN_TOKEN}`), code: 'unauthorized' },
  { caller: 'a forged member token', headers: () => bearer(mall.forged), code: 'unauthorized' },
  { caller: 'an expired member token', headers: () => bearer(mall.expired), code: 'unauthorized' },
];

const NOT_ADMIN: Caller[] = [
  ...UNAUTHENTICATED,
  { caller: "a member's token", headers: () => bearer(mall.memberA.token), code: 'unauthorized' },
  { caller: "a guest's token", headers: () => bearer(mall.guest.token), code: 'unauthorized' },
  { caller: "a merged member's token", headers: () => bearer(mall.merged), code: 'unauthorized' },
];

const NOT_MEMBER: Caller[] = [
  ...UNAUTHENTICATED,
  { caller: 'the admin token', headers: () => ADMIN, code: 'unauthorized' },
  { caller: "a merged member's token", headers: () => bearer(mall.merged), code: 'member_merged' },
];

/** Member routes on one of A's orders, tried by someone else on an unpaid and on a shipped order. */
const ORDER_STATES = ['unpaid', 'shipped'] as const;
const OTHERS = [
  { other: 'member B', session: () => mall.memberB },
  { other: 'a guest', session: () => mall.guest },
];
const orderOf = (state: (typeof ORDER_STATES)[number]) => (state === 'unpaid' ? mall.unpaid : mall.shipped);
const ownedOrderCases = memberRoutes
  .filter((route) => paramsOf(route).includes('orderId'))
  .flatMap((route) => ORDER_STATES.flatMap((state) => OTHERS.map((other) => ({ route, state, ...other }))));
const ownReadCases = memberRoutes
  .filter((route) => methodOf(route) === 'GET' && paramsOf(route).length === 0)
  .flatMap((route) => OTHERS.map((other) => ({ route, ...other })));

const WEBHOOK_CALLERS = [
  { caller: 'no signature', headers: async () => ({}) },
  {
    caller: 'a signature made with another secret',
    headers: async (body: string) => ({
      [PAYMENT_SIGNATURE_HEADER]: await signNotification(`not-${env.PAYMENT_SECRET}`, body),
    }),
  },
  { caller: 'the admin token instead of a signature', headers: async () => ADMIN },
];

interface RoomCase {
  room: RoomKind;
  caller: string;
  token: () => string | undefined;
  /** A single-use monitor ticket, fetched for each upgrade. */
  ticket?: () => Promise<string>;
  /** The Cookie header the browser's upgrade carries. */
  cookie?: () => string;
  /** The channel the socket opens on: the tokens' own unless given. */
  channel?: Channel;
}
type RoomCaller = Omit<RoomCase, 'room'> & ({ status: 101 } | { status: 401 | 403; code: string });

const ROOM_CALLERS: Record<'anyone' | 'owner' | 'staff', RoomCaller[]> = {
  anyone: [{ caller: 'no token', token: () => undefined, status: 101 }],
  owner: [
    { caller: 'its own member token', token: () => mall.memberA.token, status: 101 },
    { caller: 'no token', token: () => undefined, status: 401, code: 'unauthorized' },
    { caller: 'a forged member token', token: () => mall.forged, status: 401, code: 'unauthorized' },
    { caller: 'an expired member token', token: () => mall.expired, status: 401, code: 'unauthorized' },
    { caller: 'the admin token', token: () => env.ADMIN_TOKEN, status: 401, code: 'unauthorized' },
    { caller: "a merged member's token", token: () => mall.merged, status: 401, code: 'member_merged' },
    { caller: "member B's token", token: () => mall.memberB.token, status: 403, code: 'forbidden' },
    { caller: "a guest's token", token: () => mall.guest.token, status: 403, code: 'forbidden' },
    {
      caller: 'its own token from another channel',
      token: () => mall.memberA.token,
      channel: OTHER_CHANNEL,
      status: 403,
      code: 'forbidden',
    },
  ],
  staff: [
    ...STAFF_ROLES.map((role) => ({
      caller: `a ${role}'s session cookie`,
      token: () => undefined,
      cookie: () => mall.cookies[role],
      status: 101 as const,
    })),
    { caller: 'a ticket the API key was given', token: () => undefined, ticket: () => socketTicket(), status: 101 },
    // The long-lived token in a URL lands in logs: refused even when right.
    { caller: 'the admin token in the URL', token: () => env.ADMIN_TOKEN, status: 401, code: 'unauthorized' },
    { caller: 'no credentials', token: () => undefined, status: 401, code: 'unauthorized' },
    { caller: "a member's token", token: () => mall.memberA.token, status: 401, code: 'unauthorized' },
    { caller: "a guest's token", token: () => mall.guest.token, status: 401, code: 'unauthorized' },
    {
      caller: 'a made-up ticket',
      token: () => undefined,
      ticket: async () => 'not-a-ticket',
      status: 401,
      code: 'unauthorized',
    },
  ],
};
const roomCases = (Object.keys(ROOM_ACCESS) as RoomKind[]).flatMap((room) =>
  ROOM_CALLERS[ROOM_ACCESS[room]].map((entry) => ({ room, ...entry })),
);
const admittedRooms = roomCases.filter((entry) => entry.status === 101);
const refusedRooms = roomCases.flatMap((entry) => (entry.status === 101 ? [] : [entry]));
const roomName = (kind: RoomKind): string =>
  ({
    sku: skuRoom(mall.skuId),
    catalog: CATALOG_ROOM,
    member: memberRoom(mall.memberA.memberId),
    account: accountRoom(mall.memberA.memberId),
    monitor: MONITOR_ROOM,
  })[kind];

const caseCount =
  adminRoutes.length * NOT_ADMIN.length +
  roleCases.length +
  memberRoutes.length * NOT_MEMBER.length +
  ownedOrderCases.length +
  ownReadCases.length +
  routesOf('member').length +
  routesOf('signedWebhook').length * WEBHOOK_CALLERS.length +
  roomCases.length;
console.log(`auth matrix: ${routes.length} routes, ${caseCount} access cases`);

describe('the access table', () => {
  it('gives every route of the hub an access class', () => {
    expect(routes.filter((route) => !(route in ACCESS))).toEqual([]);
  });

  it('names no route the hub no longer has', () => {
    expect(Object.keys(ACCESS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it("matches the hub's own permission table route for route, so an admin route without one is caught", () => {
    expect(Object.keys(ROUTE_PERMISSIONS).toSorted()).toEqual(adminRoutes.toSorted());
  });
});

describe.each(adminRoutes)('admin route %s', (route) => {
  it.each(NOT_ADMIN)('refuses $caller with 401 $code', async ({ headers, code }) => {
    await expectRefused(await call(route, headers()), 401, code);
  });
});

describe.each(memberRoutes)('member route %s', (route) => {
  it.each(NOT_MEMBER)('refuses $caller with 401 $code', async ({ headers, code }) => {
    await expectRefused(await call(route, headers()), 401, code);
  });
});

describe("another shopper on member A's orders", () => {
  it.each(ownedOrderCases)(
    "$route on member A's $state order: $other gets 404 and the order stays as it was",
    async ({ route, state, session }) => {
      const order = orderOf(state);
      const before = await orderRecord(order.id);
      expect(before).toMatchObject({ status: state, memberId: mall.memberA.memberId });
      const response = await call(route, bearer(session().token), {
        path: pathFor(route, order.id),
        body: VALID_BODIES[route]?.(),
      });
      const text = await response.text();
      expect({ status: response.status, body: JSON.parse(text) }).toEqual({
        status: 404,
        body: { error: { code: 'not_found', message: expect.any(String), field: 'orderId' } },
      });
      expect(text).not.toContain(order.id);
      expect(await orderRecord(order.id)).toEqual(before);
    },
  );

  it.each(ownReadCases)('$route shows $other nothing of member A', async ({ route, session }) => {
    const response = await call(route, bearer(session().token));
    const text = await response.text();
    expect(response.status).toBe(200);
    for (const id of [mall.memberA.memberId, mall.unpaid.id, mall.shipped.id, mall.pending.orderId, mall.addressId]) {
      expect(text).not.toContain(id);
    }
  });
});

describe.each(routesOf('member'))('member-only route %s', (route) => {
  it("refuses a guest with 403 forbidden, and the guest's account stays as it was", async () => {
    const me = async () => (await call('GET /api/members/me', bearer(mall.guest.token))).json();
    const before = await me();
    const response = await call(route, bearer(mall.guest.token), { body: VALID_BODIES[route]?.() });
    await expectRefused(response, 403, 'forbidden');
    expect(await me()).toEqual(before);
  });
});

describe.each(routesOf('signedWebhook'))('provider webhook %s', (route) => {
  it.each(WEBHOOK_CALLERS)(
    "refuses a notification with $caller with 401, and leaves member A's payment pending",
    async ({ headers }) => {
      const before = await orderRecord(mall.pending.orderId);
      expect(before).toMatchObject({ status: 'unpaid', payments: [{ id: mall.pending.paymentId, status: 'pending' }] });
      const body = JSON.stringify({ paymentId: mall.pending.paymentId, amount: mall.pending.amount });
      const response = await SELF.fetch(`http://hub${pathFor(route)}`, {
        method: methodOf(route),
        headers: { 'Content-Type': 'application/json', ...(await headers(body)) },
        body,
      });
      await expectRefused(response, 401, 'bad_signature');
      expect(await orderRecord(mall.pending.orderId)).toEqual(before);
    },
  );
});

/** The multiplexed endpoint names its rooms in the query; the plain one in the path. */
const multiplexed = (route: string) => !route.includes(':room');

const upgrade = async (route: string, entry: RoomCase) => {
  const token = entry.token();
  const ticket = await entry.ticket?.();
  const query = new URLSearchParams({
    channel: entry.channel ?? CHANNEL,
    ...(token === undefined ? {} : { token }),
    ...(ticket === undefined ? {} : { ticket }),
    ...(multiplexed(route) ? { rooms: roomName(entry.room) } : {}),
  });
  const path = `${fillPath(route, { room: roomName(entry.room) })}?${query}`;
  const cookie = entry.cookie?.();
  return SELF.fetch(`http://hub${path}`, {
    headers: { Upgrade: 'websocket', ...(cookie === undefined ? {} : { Cookie: cookie }) },
  });
};

describe.each(routesOf('rooms'))('sync endpoint %s', (route) => {
  it.each(admittedRooms)('admits $caller to the $room room', async (entry) => {
    const name = multiplexed(route) ? roomName(entry.room) : undefined;
    const client = await RoomClient.over(await upgrade(route, entry), undefined, name);
    expect(client.closed).toBeNull();
    client.close();
  });

  it.each(refusedRooms)('refuses $caller on the $room room with $status $code, before the upgrade', async (entry) => {
    const response = await upgrade(route, entry);
    expect(response.webSocket).toBeNull();
    await expectRefused(response, entry.status, entry.code);
  });
});

/** Each admin route called by a signed-in browser of each role, without a body: the role check comes first. */
describe('each staff role on each admin route', () => {
  it.each(allowedCases)('lets a $role through to $route ($permission)', async ({ route, role }) => {
    const response = await call(route, withCookie(mall.cookies[role]));
    expect({ route, status: response.status }).not.toMatchObject({ status: expect.toBeOneOf([401, 403]) });
  });

  it.each(deniedCases)(
    'refuses a $role on $route with 403, naming $permission',
    async ({ route, role, permission }) => {
      const response = await call(route, withCookie(mall.cookies[role]));
      const text = await response.text();
      expect({ status: response.status, body: JSON.parse(text) }).toEqual({
        status: 403,
        body: { error: { code: 'forbidden', message: expect.stringContaining(permission) } },
      });
    },
  );
});
