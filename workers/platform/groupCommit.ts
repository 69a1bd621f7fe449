interface Waiting<T> {
  items: T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Many callers' writes, written together: a call made while a write is running waits for the
 * next one, which takes everything that arrived meanwhile (up to `maxItems`), so a burst costs a
 * few writes instead of one per caller, and a quiet moment costs no wait at all. Each caller's
 * promise settles with the write that carried its items. Should a shared write fail, each caller's
 * items are written again alone, so one caller's bad write fails that caller only.
 */
export class GroupCommit<T> {
  private readonly waiting: Array<Waiting<T>> = [];
  private running = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxItems: number,
  ) {}

  add(items: T[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) await this.writeGroup(this.nextGroup());
    this.running = false;
  }

  /** The callers the next write carries: in order of arrival, at least one, at most `maxItems` items. */
  private nextGroup(): Array<Waiting<T>> {
    let items = 0;
    let n = 0;
    while (n < this.waiting.length) {
      items += this.waiting[n]?.items.length ?? 0;
      if (n > 0 && items > this.maxItems) break;
      n += 1;
    }
    return this.waiting.splice(0, n);
  }

  private async writeGroup(group: Array<Waiting<T>>): Promise<void> {
    try {
      await this.write(group.flatMap((w) => w.items));
      for (const w of group) w.resolve();
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      for (const w of group) {
        await this.write(w.items).then(w.resolve, w.reject);
      }
    }
  }
}
