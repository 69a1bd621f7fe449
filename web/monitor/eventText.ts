import type { CheckResult } from '../../shared/docs/monitor';

/** A sync-log row as `GET /api/admin/monitor/log` answers it. */
export interface LoggedEvent {
  id: number;
  at: number;
  kind: string;
  subject: string;
  source: string;
  detail: Record<string, unknown>;
}

type Detail = Record<string, unknown>;

const NAMES: Record<string, string> = {
  'sku.changed': 'Edit',
  'sync.broadcast': 'Broadcast',
  'ack.late': 'Late acknowledgement',
  'channel.lagging': 'Channel lagging',
  'monitor.check': 'Consistency check',
  'monitor.force-sync': 'Force Sync',
  'monitor.error': 'Error',
  'product.created': 'New product',
  'members.phone-repair': 'Phone repair',
};

/** Kinds an operator should notice. */
export const ALARMING = ['ack.late', 'channel.lagging', 'monitor.error'];

export const eventName = (kind: string): string =>
  NAMES[kind] ?? (kind.startsWith('minishop.') ? `Mini-Shop ${kind.slice('minishop.'.length)}` : kind);

const changesText = (changes: unknown): string =>
  Object.entries((changes ?? {}) as Record<string, { from: unknown; to: unknown }>)
    .map(([field, { from, to }]) => `${field} ${JSON.stringify(from)} → ${JSON.stringify(to)}`)
    .join(', ');

const checkText = (label: string, result: CheckResult | undefined): string =>
  !result
    ? ''
    : result.consistent
      ? `${label}: Consistent`
      : `${label}: ${result.differing} of ${result.checked} differ (${result.ids.join(', ')})`;

const seconds = (ms: unknown) => `${(Number(ms) / 1000).toFixed(2)} s`;

const DESCRIBE: Record<string, (e: LoggedEvent, d: Detail) => string> = {
  'sku.changed': (e, d) => `${e.subject} rev ${d.rev}: ${changesText(d.changes)} (by ${e.source})`,
  'sync.broadcast': (e, d) => {
    const connected = Object.entries((d.connected ?? {}) as Record<string, number>)
      .filter(([, n]) => n > 0)
      .map(([channel, n]) => `${channel} ${n}`)
      .join(', ');
    return `${e.subject} rev ${(d.revs as number[]).join(', ')} sent to ${connected || 'no client'}`;
  },
  'ack.late': (e, d) => `${e.subject}: ${d.channel} acknowledged rev ${d.rev} after ${seconds(d.ms)}`,
  'channel.lagging': (e, d) =>
    `${e.subject.replace('channel:', '')} waiting since ${new Date(Number(d.waitingSince)).toLocaleTimeString()}`,
  'monitor.check': (_e, d) =>
    [
      checkText('Price / Stock', d.skus as CheckResult),
      checkText('Points / Balance', d.assets as CheckResult),
      checkText('Orders', d.orders as CheckResult | undefined),
    ]
      .filter(Boolean)
      .join(' · ') +
    ((d.skus as CheckResult | undefined)?.sweep === 'full' ? ' · full sweep' : '') +
    (Number(d.pruned) > 0 ? ` · ${d.pruned} old events pruned` : ''),
  'monitor.force-sync': (_e, d) => {
    const skus = (d.skus as Array<{ skuId: string; changes: unknown }>).map(
      (s) => `${s.skuId} (${changesText(s.changes)})`,
    );
    const members = d.members as string[];
    const orders = (d.orders ?? []) as string[];
    if (skus.length === 0 && members.length === 0 && orders.length === 0) return 'nothing differed from D1';
    const repaired = [...skus, ...members.map((m) => `account ${m}`), ...orders.map((m) => `orders of ${m}`)];
    return `repaired ${repaired.join(', ')}`;
  },
  'monitor.error': (_e, d) => String(d.message),
  'product.created': (e, d) => `${e.subject.replace('product:', '')} with ${(d.skus as string[]).length} SKU(s)`,
  'members.phone-repair': (_e, d) =>
    `${d.checked} phone identities checked, ${d.repaired} respelled, ${(d.merged as unknown[]).length} account(s) merged` +
    (Number(d.unreadable) > 0 ? `, ${d.unreadable} unreadable` : ''),
};

/** A Mini-Shop run's log line: how it ended and what it brought in. */
const miniShopRun = (e: LoggedEvent, d: Detail): string | null =>
  typeof d.outcome !== 'string'
    ? null
    : `${e.subject.replace('minishop:', '')}: ${d.outcome}, ${d.products ?? 0} products, ${d.orders ?? 0} orders` +
      ((d.errors as unknown[] | undefined)?.length ? ` · ${(d.errors as unknown[]).length} error(s)` : '');

/** One readable line for an event; unknown kinds show their fields. */
export const describeEvent = (event: LoggedEvent): string => {
  const known = DESCRIBE[event.kind];
  if (known) return known(event, event.detail);
  const run = event.kind.startsWith('minishop.') ? miniShopRun(event, event.detail) : null;
  if (run) return run;
  const fields = Object.entries(event.detail).map(([key, value]) => `${key} ${JSON.stringify(value)}`);
  const text = [event.subject, ...fields].join(' · ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
};
