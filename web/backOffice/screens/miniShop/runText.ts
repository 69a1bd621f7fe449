import type { MiniShopRunMonitor } from '../../../../shared/docs/monitor';

export const RUN_NAMES: Record<MiniShopRunMonitor['kind'], string> = {
  migration: 'Migration',
  orders: 'Order sync',
  products: 'Product sync',
};

export const OUTCOMES: Record<string, string> = {
  completed: 'completed',
  failed: 'failed',
  quota_exhausted: 'stopped: the daily quota is spent',
};

export const clockTime = (at: number): string => new Date(at).toLocaleString();
