import type { Channel } from '../../../shared/channels';
import type { SkuState } from '../../../shared/docs/sku';
import {
  completeDevelopmentPayment,
  type PlacedOrder,
  patchSku,
  payByProvider,
  payFromBalance,
  placeOrder,
  type StoredPayment,
  UnexpectedAnswer,
} from './hubApi';
import type { SeededRandom } from './seededRandom';
import type { WranglerDev } from './wranglerDev';

/** A logged-in member with a token for one channel. */
export interface Shopper {
  memberId: string;
  token: string;
  channel: Channel;
}

export type OrderLines = Array<{ skuId: string; qty: number }>;

/** What a burst may send: an order, a payment of an order placed before, an operator's price edit. */
export type BurstOp =
  | { kind: 'order'; shopper: Shopper; idempotencyKey: string; items: OrderLines }
  | { kind: 'balancePayment'; shopper: Shopper; orderId: string }
  | { kind: 'providerPayment'; shopper: Shopper; orderId: string }
  | { kind: 'priceEdit'; skuId: string; price: number };

/**
 * What became of one request when the hub was killed: answered with success (`acknowledged`, the
 * hub promised it), answered otherwise (`refused`, with the status), or `cutOff` (sent, no answer:
 * it may or may not have happened), or `notSent` (the hub was already dead).
 */
export type Outcome =
  | { kind: 'acknowledged'; answer: PlacedOrder | StoredPayment | SkuState }
  | { kind: 'refused'; status: number }
  | { kind: 'cutOff' }
  | { kind: 'notSent' };

export interface Sent {
  op: BurstOp;
  outcome: Outcome;
}

/** The shoppers, SKUs and earlier orders a burst works on. */
export interface BurstStage {
  shoppers: Shopper[];
  skuIds: string[];
  /** Orders placed (and acknowledged) before the burst, which the burst pays. */
  placed: Array<{ shopper: Shopper; orderId: string }>;
}

/**
 * `count` requests in random order: half orders of one or two lines, a quarter payments of the
 * earlier orders (some paid twice, by balance or through the provider, so a double charge would
 * show), a quarter price edits. Every price written is new, so the price a SKU ends with names
 * the edit that set it.
 */
export const planBurst = (rng: SeededRandom, stage: BurstStage, count: number, firstPrice: number): BurstOp[] =>
  Array.from({ length: count }, (_, i): BurstOp => {
    const roll = rng.next();
    if (roll < 0.5) {
      const lines = rng.sample(stage.skuIds, rng.int(1, 2)).map((skuId) => ({ skuId, qty: rng.int(1, 3) }));
      return { kind: 'order', shopper: rng.pick(stage.shoppers), idempotencyKey: crypto.randomUUID(), items: lines };
    }
    if (roll < 0.75) {
      const { shopper, orderId } = rng.pick(stage.placed);
      return { kind: rng.next() < 0.6 ? 'balancePayment' : 'providerPayment', shopper, orderId };
    }
    return { kind: 'priceEdit', skuId: rng.pick(stage.skuIds), price: firstPrice + i };
  });

const send = async (hub: WranglerDev, op: BurstOp): Promise<PlacedOrder | StoredPayment | SkuState | null> => {
  switch (op.kind) {
    case 'order':
      return placeOrder(hub, op.shopper.token, { items: op.items }, op.idempotencyKey);
    case 'balancePayment':
      return payFromBalance(hub, op.shopper.token, op.orderId);
    case 'providerPayment': {
      const { payment } = await payByProvider(hub, op.shopper.token, op.orderId);
      const settled = await completeDevelopmentPayment(hub, payment.id);
      // The provider collected, but the hub refused the payment (the order was paid another way).
      return settled.status === 'succeeded' ? settled : null;
    }
    case 'priceEdit':
      return patchSku(hub, op.skuId, { price: op.price });
  }
};

const outcomeOf = async (hub: WranglerDev, op: BurstOp): Promise<Outcome> => {
  try {
    const answer = await send(hub, op);
    return answer ? { kind: 'acknowledged', answer } : { kind: 'refused', status: 200 };
  } catch (error) {
    if (error instanceof UnexpectedAnswer) return { kind: 'refused', status: error.status };
    return { kind: 'cutOff' };
  }
};

/**
 * Sends `ops` one every `paceMs`, at most `inFlight` at once (a request waits for a free one), and
 * kills wrangler dev (SIGKILL to its whole process group) `killAfterMs` after the first; resolves
 * once every request has its outcome and the hub is dead. A fast hub meets the pace, a slow one
 * the cap, so a kill drawn within `ops.length * paceMs` finds requests in flight either way.
 */
export const burstUntilKilled = async (
  hub: WranglerDev,
  ops: BurstOp[],
  killAfterMs: number,
  { paceMs, inFlight }: { paceMs: number; inFlight: number },
): Promise<Sent[]> => {
  let killed = false;
  const crashed = new Promise<void>((resolve, reject) =>
    setTimeout(() => {
      killed = true;
      hub.crash().then(resolve, reject);
    }, killAfterMs),
  );
  const sent: Sent[] = ops.map((op) => ({ op, outcome: { kind: 'notSent' } }));
  const waiting: Array<() => void> = [];
  let running = 0;
  const slot = (): Promise<void> => {
    if (running < inFlight) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const free = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };
  const send = async (entry: Sent, i: number): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, i * paceMs));
    await slot();
    if (!killed) entry.outcome = await outcomeOf(hub, entry.op);
    free();
  };
  await Promise.all([crashed, ...sent.map(send)]);
  return sent;
};
