import type * as Y from 'yjs';
import type { Channel } from '../channels';

/** The part of y-protocols' Awareness (as `WebsocketProvider.awareness`) this needs. */
interface LocalAwareness {
  setLocalStateField(field: string, value: unknown): void;
}

/**
 * Makes a storefront client measurable (README, "Monitoring page"): each
 * time a change to `map` has been applied, it reports `{channel, seen: {room, rev}}` through
 * awareness, and the room records the time from its broadcast to this acknowledgement.
 * Returns a function that stops reporting.
 */
export const reportSeenRevs = (awareness: LocalAwareness, channel: Channel, room: string, map: Y.Map<unknown>) => {
  awareness.setLocalStateField('channel', channel);
  const report = () => {
    const rev = map.get('rev');
    if (typeof rev === 'number') awareness.setLocalStateField('seen', { room, rev });
  };
  map.observe(report);
  return () => map.unobserve(report);
};
