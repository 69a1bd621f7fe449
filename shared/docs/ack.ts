import type { Channel } from '../channels';

/**
 * What a measured client puts in its awareness state once it has applied a change: the room
 * and the `rev` it now shows. The owning room turns it into a per-channel latency.
 */
export interface SeenState {
  channel: Channel;
  seen: { room: string; rev: number };
}

export const readSeen = (state: unknown): { room: string; rev: number } | null => {
  if (typeof state !== 'object' || state === null) return null;
  const seen = (state as { seen?: unknown }).seen;
  if (typeof seen !== 'object' || seen === null) return null;
  const { room, rev } = seen as { room?: unknown; rev?: unknown };
  return typeof room === 'string' && Number.isSafeInteger(rev) ? { room, rev: rev as number } : null;
};
