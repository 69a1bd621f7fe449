import type { Channel } from '../../../../shared/channels';
import type { SkuState } from '../../../../shared/docs/sku';
import { adminCall } from '../../staffSession';

/** A flash sale as the admin API answers it (`FlashSaleRecord` in workers/catalog/records/flashSaleRecords.ts). */
export interface FlashSaleRecord {
  id: string;
  name: string;
  price: number;
  startsAt: number;
  endsAt: number;
  channels: Channel[];
  perMemberLimit: number | null;
  cancelledAt: number | null;
  createdAt: number;
  skuIds: string[];
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
}

/** The list's three shelves, as operators speak of them, and the statuses on each. */
export const SHELVES = {
  running: { title: 'Running', statuses: ['live'] },
  upcoming: { title: 'Upcoming', statuses: ['scheduled'] },
  ended: { title: 'Ended', statuses: ['ended', 'cancelled'] },
} as const satisfies Record<string, { title: string; statuses: ReadonlyArray<FlashSaleRecord['status']> }>;
export type Shelf = keyof typeof SHELVES;

export const STATUS_NAMES: Record<FlashSaleRecord['status'], string> = {
  live: 'Running',
  scheduled: 'Upcoming',
  ended: 'Ended',
  cancelled: 'Ended early',
};

/** Each SKU's name as shoppers read it (`GET /api/skus/:skuId`), for the sales that name them. */
export const skuTitles = async (skuIds: string[]): Promise<Record<string, string>> => {
  const unique = [...new Set(skuIds)];
  const states = await Promise.all(unique.map((id) => adminCall<SkuState>('GET', `/api/skus/${id}`).catch(() => null)));
  return Object.fromEntries(unique.map((id, i) => [id, states[i]?.title ?? id]));
};

/** A moment as the operator reads and types it, in the browser's own time zone: `2026-12-02 14:30`. */
export const localTime = (ms: number): string => {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
};
