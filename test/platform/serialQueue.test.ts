import { describe, expect, it } from 'vitest';
import { SerialQueue } from '../../workers/platform/serialQueue';
import { deferred } from '../support/deferred';

describe('SerialQueue', () => {
  it('starts an operation only once the one before it has settled, and answers each its own result', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const started = deferred();
    const release = deferred();
    const first = queue.run(async () => {
      events.push('first started');
      started.resolve();
      await release.promise;
      events.push('first ended');
      return 1;
    });
    const second = queue.run(async () => {
      events.push('second started');
      return 2;
    });
    await started.promise;
    expect(events).toEqual(['first started']);

    release.resolve();
    expect(await second).toBe(2);
    expect(await first).toBe(1);
    expect(events).toEqual(['first started', 'first ended', 'second started']);
  });

  it('goes on after a failure, which only its own caller hears', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(async () => {
      throw new Error('refused');
    });
    const next = queue.run(async () => 'ran');
    await expect(failed).rejects.toThrow('refused');
    expect(await next).toBe('ran');
  });
});
