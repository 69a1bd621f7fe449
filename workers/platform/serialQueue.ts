/**
 * Runs async operations one after another, each starting once the one before it has settled
 * (failed or not). A Durable Object's input gate interleaves requests at every await; work that
 * must see no other change half-way (a strong operation, a flush) goes through one of these.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
