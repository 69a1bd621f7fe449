import { describe, expect, it } from 'vitest';
import { atTierPercent, movesByTier, orderPoints } from '../../workers/members/rules/pointsByTier';

describe('points by tier', () => {
  it('gives one point per whole yuan paid at the base tier', () => {
    expect(orderPoints(2599, 100)).toBe(25);
    expect(orderPoints(99, 100)).toBe(0);
  });

  it('gives a gold member (150 %) 1.5× the points of an order, rounded down', () => {
    expect(orderPoints(2599, 150)).toBe(37);
    expect(orderPoints(2468, 200)).toBe(48);
  });

  it('scales an operator’s credit asked to go by tier, rounded down, and nothing else', () => {
    expect(atTierPercent(333, 150)).toBe(499);
    expect(movesByTier({ delta: 333, byTier: true })).toBe(true);
    expect(movesByTier({ delta: 333 })).toBe(false);
    expect(movesByTier({ delta: -333, byTier: true })).toBe(false);
  });
});
