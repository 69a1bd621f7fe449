/**
 * What the SDK needs of a WebSocket, whatever runtime provides it: binary frames in and out,
 * and the four events. Each adapter (`adapters/`) turns its runtime's socket into this.
 */
export interface HubSocket {
  send(frame: Uint8Array): void;
  /** Sends a text frame (the keep-alive `ping`, answered by the hub without waking a room). */
  sendText(text: string): void;
  close(code?: number, reason?: string): void;
}

export interface HubSocketEvents {
  open(): void;
  /** A binary frame; text frames (`pong`) arrive as strings. */
  message(frame: ArrayBuffer | string): void;
  close(code: number, reason: string): void;
}

export type OpenSocket = (url: string, events: HubSocketEvents) => HubSocket;
