// Sizes of the long randomized runs and races: small in `npm test`, full in `npm run test:soak`
// (SOAK=1), the same tests with the same assertions either way.
export const SOAK = process.env.SOAK === '1';

/** `small` runs in `npm test`, `full` under SOAK=1; an explicit override (e.g. STOCK_PROPERTY_RUNS) wins over both. */
export const runs = (small: number, full: number, override?: string): number => {
  const explicit = override === undefined ? undefined : Number(override);
  return explicit !== undefined && Number.isInteger(explicit) && explicit > 0 ? explicit : SOAK ? full : small;
};
