import { defineConfig } from 'vitest/config';

// Six projects: pure unit tests, CDK template tests, and integration (two of them), scheduled and
// isolation tests that share one local cloud per Vitest process (the global setup starts it once
// for all of them, on free ports). Vitest runs every file of the projects that take one file at a
// time in a single queue, so `npm test` (test/lanes.mjs) runs three processes side by side, each
// with its own cloud: unit, infra and integration; integration-b and isolation; scheduled. A plain
// `npx vitest run` still runs everything, in one queue.
// SOAK=1 (`npm run test:soak`) runs the same tests at full size (test/support/soak.ts) and writes
// its figures to bench/results/soak.json.
const soak = process.env.SOAK === '1';
/**
 * Integration files of the second lane (test/lanes.mjs runs it in a process of its own, beside the
 * first): a share of the slower files, so the two lanes end about together.
 */
const SECOND_LANE = [
  'stock-property',
  'pricing-versions',
  'pos-sync',
  'pricing-resolution',
  'franchise-onboarding',
  'pricing-quote',
  'tenancy-slice',
  'catalog-import',
  'store-import',
  'delivery-webhook',
  'order-property',
  'silo-tenant',
  'replenishment',
  'catalog-sku-edits',
  'franchise-approval-recovery',
  // Waits out a payment provider's 30-second window.
  'wallet-payments',
  'wallet-refunds',
  'payment-property',
].map((name) => `test/integration/${name}.test.ts`);
export default defineConfig({
  test: {
    ...(soak ? { reporters: ['default', './test/support/soak-reporter.ts'] } : {}),
    // Functions log through Powertools; tests assert on responses, so keep the output readable.
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      // Property tests run thousands of cases; on a busy 2-core machine that can take seconds.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      // The real stack is synthesized once per run: the files share one worker without isolation,
      // so test/infra/synthesized.ts's memoized template serves them all.
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, isolate: false, maxWorkers: 1 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: SECOND_LANE,
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
          name: 'integration-b',
          include: SECOND_LANE,
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
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
