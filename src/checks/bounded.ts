// Independent AWS calls of a stage run side by side, but never more than a few at a time:
// AWS throttles per account, and a wide fan-out would crowd the caller's own traffic.

/** A stage's default fan-out: a round trip saved per extra slot, well under API throttles. */
export const STAGE_CONCURRENCY = 4;

/** Maps `items` through `task`, at most `limit` at a time; the results keep the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}
