export type { Backoff } from './backoff';
export { reconnectDelay } from './backoff';
export type {
  CategoryNode,
  Closable,
  ListedProduct,
  ListingPage,
  ListingQuery,
  LiveListedProduct,
  LiveProductPage,
  ProductPage,
} from './catalog';
export type { ConnectionState, Refusal, StorefrontEvents } from './events';
export { HubError } from './http';
export type { LiveView } from './liveView';
export type { CartItem, Favorite } from './memberDocument';
export { memoryStorage } from './memoryStorage';
export { type OperatorRoomOptions, openOperatorRoom } from './operatorRoom';
export type { DocPersistence, KeyValueStore, Runtime } from './runtime';
export type { HubSocket, HubSocketEvents, OpenSocket } from './socket';
export { createStorefront, type Storefront, type StorefrontOptions } from './storefront';
