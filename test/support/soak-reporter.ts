// Writes the soak run's figures to bench/results/soak.json: when it ran, how long each file and
// each test took, and how many failed. Used only under SOAK=1 (vitest.config.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

const OUT = new URL('../../bench/results/soak.json', import.meta.url);
const root = new URL('../../', import.meta.url).pathname;

export default class SoakReporter implements Reporter {
  private started = Date.now();

  onTestRunStart() {
    this.started = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const files = modules.map((m) => {
      const tests = [...m.children.allTests()];
      return {
        file: relative(root, m.moduleId),
        project: m.project.name,
        durationMs: Math.round(m.diagnostic().duration),
        tests: tests.map((t) => ({ name: t.fullName, state: t.result().state, durationMs: Math.round(t.diagnostic()?.duration ?? 0) })),
      };
    });
    const all = files.flatMap((f) => f.tests);
    const figures = {
      ranAt: new Date(this.started).toISOString(),
      wallMs: Date.now() - this.started,
      tests: all.length,
      failed: all.filter((t) => t.state === 'failed').length,
      files: files.sort((a, b) => b.durationMs - a.durationMs),
    };
    mkdirSync(new URL('.', OUT), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(figures, null, 2)}\n`);
  }
}
