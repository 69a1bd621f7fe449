import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../workers/platform/groupCommit';
import { deferred } from '../support/deferred';

/** A write that records what each call carried and holds until the test releases it. */
const heldWrites = () => {
  const writes: number[][] = [];
  const releases: Array<() => void> = [];
  let started = deferred();
  const write = async (items: number[]) => {
    writes.push(items);
    const release = deferred();
    releases.push(release.resolve);
    started.resolve();
    await release.promise;
    if (items.includes(13)) throw new Error('13 is refused');
  };
  return {
    writes,
    write,
    /** Waits for the next write to start. */
    async nextWrite() {
      await started.promise;
      started = deferred();
    },
    release: () => releases.shift()?.(),
  };
};

describe('GroupCommit', () => {
  it('writes at once when idle, and takes what arrives meanwhile in the next write, in order of arrival', async () => {
    const held = heldWrites();
    const commits = new GroupCommit(held.write, 100);
    const first = commits.add([1]);
    await held.nextWrite();
    const later = [commits.add([2, 3]), commits.add([4]), commits.add([5])];
    expect(held.writes).toEqual([[1]]);

    held.release();
    await first;
    await held.nextWrite();
    expect(held.writes).toEqual([[1], [2, 3, 4, 5]]);
    held.release();
    await Promise.all(later);
  });

  it('carries at most maxItems in one write (one caller larger than that goes alone)', async () => {
    const held = heldWrites();
    const commits = new GroupCommit(held.write, 3);
    const all = [
      commits.add([1]),
      commits.add([2, 3]),
      commits.add([4, 5]),
      commits.add([6, 7, 8, 9]),
      commits.add([10]),
    ];
    for (let i = 0; i < 5; i++) {
      await held.nextWrite();
      held.release();
    }
    await Promise.all(all);
    expect(held.writes).toEqual([[1], [2, 3], [4, 5], [6, 7, 8, 9], [10]]);
  });

  it('fails only the caller whose items a shared write refused: the others are written again alone', async () => {
    const held = heldWrites();
    const commits = new GroupCommit(held.write, 100);
    const first = commits.add([1]);
    await held.nextWrite();
    const good = commits.add([12]);
    const bad = commits.add([13]);
    const alsoGood = commits.add([14]);
    held.release();
    await first;
    for (let i = 0; i < 4; i++) {
      await held.nextWrite();
      held.release();
    }
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('13 is refused');
    await expect(alsoGood).resolves.toBeUndefined();
    expect(held.writes).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });
});
