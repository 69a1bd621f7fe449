export * from '../index';

import { WebSocket } from 'ws';
import { memoryStorage } from '../memoryStorage';
import type { Runtime } from '../runtime';
import { type StandardWebSocket, standardSocket } from './standardSocket';

/** Node: sockets from `ws`, the global `fetch`, storage in memory (pass your own to keep sessions). */
export const nodeRuntime = (overrides: Partial<Runtime> = {}): Runtime => ({
  openSocket: standardSocket(WebSocket as unknown as new (url: string) => StandardWebSocket),
  fetch: (input, init) => fetch(input, init),
  storage: memoryStorage(),
  maxSockets: Number.POSITIVE_INFINITY,
  ...overrides,
});
