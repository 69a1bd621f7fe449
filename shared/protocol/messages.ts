/** The y-websocket message types (first varUint of every frame). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Reason sent in the auth message when a client writes to a room it may only read. */
export const PERMISSION_DENIED = 'permission-denied';
