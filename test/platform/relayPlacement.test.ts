import { describe, expect, it } from 'vitest';
import { parseRelayName, placeSocket, relayName } from '../../workers/platform/room/relayPlacement';

describe('where a new subscriber of a relayed room goes', () => {
  it('stays with the owner until it holds the threshold', () => {
    expect(placeSocket(0, new Map(), 3)).toBeNull();
    expect(placeSocket(2, new Map(), 3)).toBeNull();
    expect(placeSocket(3, new Map(), 3)).toBe(0);
  });

  it('fills each shard up to the threshold, the lowest with room first', () => {
    expect(placeSocket(3, new Map([[0, 2]]), 3)).toBe(0);
    expect(placeSocket(3, new Map([[0, 3]]), 3)).toBe(1);
    // Shard 1 emptied by departures fills again before shard 3 opens.
    expect(
      placeSocket(
        3,
        new Map([
          [0, 3],
          [2, 3],
        ]),
        3,
      ),
    ).toBe(1);
    expect(
      placeSocket(
        3,
        new Map([
          [0, 3],
          [1, 3],
          [2, 3],
        ]),
        3,
      ),
    ).toBe(3);
  });

  it('names relay objects by room and shard, and reads the names back', () => {
    expect(relayName('sku:abc', 4)).toBe('sku:abc#relay-4');
    expect(parseRelayName('sku:abc#relay-4')).toEqual({ room: 'sku:abc', shard: 4 });
    expect(parseRelayName('catalog#relay-0')).toEqual({ room: 'catalog', shard: 0 });
    for (const name of ['sku:abc', 'sku:abc#relay-', '#relay-1', 'sku:abc#relay-x', 'sku:abc#relay--1']) {
      expect(parseRelayName(name)).toBeNull();
    }
  });
});
