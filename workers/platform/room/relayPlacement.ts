/**
 * Where a new subscriber of a relayed room goes (pure rule): the owner keeps them until it holds
 * `threshold`, then relay shards take them, each up to `threshold` too, the lowest shard with
 * room first, so shards emptied by departures fill again before a new one opens.
 * `relaySockets` maps shard to the subscribers it holds. Answers null for the owner, else a shard.
 */
export const placeSocket = (
  ownerSockets: number,
  relaySockets: ReadonlyMap<number, number>,
  threshold: number,
): number | null => {
  if (ownerSockets < threshold) return null;
  for (let shard = 0; ; shard++) if ((relaySockets.get(shard) ?? 0) < threshold) return shard;
};

const SHARD_MARK = '#relay-';

/** The object name of a room's relay shard. */
export const relayName = (room: string, shard: number): string => `${room}${SHARD_MARK}${shard}`;

/** The room and shard a relay object's name stands for; null when it names no relay. */
export const parseRelayName = (name: string): { room: string; shard: number } | null => {
  const at = name.lastIndexOf(SHARD_MARK);
  const digits = name.slice(at + SHARD_MARK.length);
  if (at <= 0 || !/^\d{1,6}$/.test(digits)) return null;
  return { room: name.slice(0, at), shard: Number(digits) };
};
