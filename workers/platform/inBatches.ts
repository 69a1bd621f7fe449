/** Objects asked at once: enough to be quick, few enough not to crowd the Worker's connections. */
const OBJECTS_AT_ONCE = 25;

/** Asks `ask` of every item, a few at a time; the answers come in the order of `items`. */
export const inBatches = async <T, R>(items: readonly T[], ask: (item: T) => Promise<R>): Promise<R[]> => {
  const answers: R[] = [];
  for (let start = 0; start < items.length; start += OBJECTS_AT_ONCE) {
    answers.push(...(await Promise.all(items.slice(start, start + OBJECTS_AT_ONCE).map(ask))));
  }
  return answers;
};
