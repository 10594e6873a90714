// Runs `work` over `items` with at most `limit` in flight: enough to hide round-trip latency
// without one job taking a table's whole write capacity.
export const forEachConcurrent = async <T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};
