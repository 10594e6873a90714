// One clock for the domain, so tests can pin time without patching globals.
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };
