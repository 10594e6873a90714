// A loop that polls until stopped, backing off while there is nothing to do or it keeps failing.
// Idle, the pause grows from `idleMs` to IDLE_GROWTH times it (a quiet cloud polls a few times a
// second in all, not dozens), and drops back to `idleMs` as soon as a poll finds work.
export type Poller = { name: string; stop: () => Promise<void>; health: () => { status: 'up' | 'down'; lastError?: string; delivered: number } };

const IDLE_GROWTH = 4;

export const startPollLoop = (name: string, pollOnce: () => Promise<number>, idleMs = 200): Poller => {
  let running = true;
  let delivered = 0;
  let lastError: string | undefined;
  let failures = 0;
  let idle = idleMs;
  const loop = (async () => {
    while (running) {
      try {
        const n = await pollOnce();
        delivered += n;
        failures = 0;
        lastError = undefined;
        if (n > 0) idle = idleMs;
        else if (running) {
          await sleep(idle);
          idle = Math.min(idleMs * IDLE_GROWTH, idle * 2);
        }
      } catch (error) {
        if (!running) break;
        failures += 1;
        lastError = (error as Error).message;
        if (failures === 1 || failures % 50 === 0) console.error(`[${name}] ${lastError}`);
        await sleep(Math.min(5_000, idleMs * 2 ** Math.min(failures, 5)));
      }
    }
  })();
  return {
    name,
    stop: async () => {
      running = false;
      await loop;
    },
    health: () => ({ status: running && failures < 3 ? 'up' : 'down', lastError, delivered }),
  };
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
