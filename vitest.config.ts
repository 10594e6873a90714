import { defineConfig } from 'vitest/config';

// Five projects: pure unit tests, CDK template tests, and integration, scheduled and isolation
// tests that share one local cloud (the global setup starts it once for all three, on free ports).
// SOAK=1 (`npm run test:soak`) runs the same tests at full size (test/support/soak.ts) and writes
// its figures to bench/results/soak.json.
const soak = process.env.SOAK === '1';
export default defineConfig({
  test: {
    // Vitest's default on this 2-core machine is one worker, which ran every file of every project
    // one after another; three let the isolation and scheduled lanes run beside the integration
    // files, as the projects below intend (each still runs its own files one at a time).
    maxWorkers: 3,
    ...(soak ? { reporters: ['default', './test/support/soak-reporter.ts'] } : {}),
    // Functions log through Powertools; tests assert on responses, so keep the output readable.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      // Property tests run thousands of cases; on a busy 2-core machine that can take seconds.
      // One worker per project: Vitest runs projects with different worker counts in separate groups,
      // one group after another, which would put the lanes back in a single queue.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000, maxWorkers: 1 } },
      // The real stack is synthesized once per run: the files share one worker without isolation,
      // so test/infra/synthesized.ts's memoized template serves them all.
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, isolate: false, fileParallelism: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Refusal tests compare item counts, so integration files run one at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Tests that wait on the local cloud's real scheduler (minutes of mostly idle waiting),
          // in a lane of their own beside the integration files instead of in their queue.
          name: 'scheduled',
          include: ['test/scheduled/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Walks every manifest route as other tenants and wrong-store users (test/isolation).
          name: 'isolation',
          include: ['test/isolation/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // The walk compares tenant A's data before and after each route; one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
