/**
 * Close codes a room uses when it drops one socket. The standard codes say what was wrong with
 * the frame; the others are ours (4000–4999 is the application range).
 */
export const CLOSE_UNSUPPORTED_DATA = 1003; // a text frame: the protocol is binary
export const CLOSE_MALFORMED_FRAME = 1007; // could not be decoded as y-websocket
export const CLOSE_FRAME_TOO_LARGE = 1009; // over the room's frame limit
export const CLOSE_AWARENESS_TOO_LARGE = 4009; // awareness state over its per-socket limit
export const CLOSE_MEMBER_MERGED = 4010; // the member was merged into another; log in again
export const CLOSE_DOCUMENT_FULL = 4013; // a client update would take the document past its byte bound
