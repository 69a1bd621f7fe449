import type * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import * as authProtocol from 'y-protocols/auth';
import { messageAuth, WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { waitForEvent } from './wait';
import type { WranglerDev } from './wranglerDev';

/**
 * The stock y-websocket client for one device, not yet connected (so callers can add listeners
 * first): over `ws`, with no shortcut between providers of the same room in this process
 * (lib0's BroadcastChannel), so every change has to come from the hub. The hub's
 * `permission-denied` reasons are kept in `denials` instead of only being logged.
 */
export const stockProvider = (
  hub: WranglerDev,
  room: string,
  doc: Y.Doc,
  params: Record<string, string>,
  denials: string[],
): WebsocketProvider => {
  const provider = new WebsocketProvider(hub.syncUrl, room, doc, {
    params,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: false,
  });
  provider.messageHandlers[messageAuth] = (_encoder: unknown, decoder: decoding.Decoder) =>
    authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => denials.push(reason));
  return provider;
};

/** Resolves once `provider` has synced with the hub (its 'sync' event with true). */
export const providerSynced = async (provider: WebsocketProvider, timeoutMs: number, label: string): Promise<void> => {
  if (provider.synced) return;
  await waitForEvent<[boolean]>(
    (listener) => {
      provider.on('sync', listener);
      return () => provider.off('sync', listener);
    },
    timeoutMs,
    label,
    (synced) => synced,
  );
};
