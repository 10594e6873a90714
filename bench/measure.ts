// Timing helpers shared by the benchmarks: warm up, run sequentially, summarise in milliseconds.
import { cpus } from 'node:os';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Summary = { n: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number };

const round = (x: number): number => Math.round(x * 1000) / 1000;

export const summarise = (samples: number[]): Summary => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: samples.length, meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length), p50Ms: round(at(0.5)), p95Ms: round(at(0.95)), p99Ms: round(at(0.99)) };
};

/**
 * Runs the variants round-robin, one call each per round, starting each round with the next
 * variant, so warm-up, JIT and engine drift fall on all of them alike. A `paced` variant's calls
 * wait (untimed) for a slot `spacingMs` after the previous one: an API call stays under the
 * tenant's request quota instead of measuring its 429s.
 */
export const measureInterleaved = async <K extends string>(
  variants: Record<K, () => Promise<void>>,
  { warmup, iterations, paced }: { warmup: number; iterations: number; paced?: { variant: NoInfer<K>; spacingMs: number } },
): Promise<Record<K, Summary>> => {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  let nextSlot = 0;
  for (let round = 0; round < warmup + iterations; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      if (name === paced?.variant) {
        const wait = nextSlot - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        nextSlot = performance.now() + paced.spacingMs;
      }
      const start = process.hrtime.bigint();
      await variants[name]();
      if (round >= warmup) samples[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(samples[n])])) as Record<K, Summary>;
};

export const writeResult = (name: string, result: Record<string, unknown>): string => {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
  writeFileSync(file, `${JSON.stringify({ name, at: new Date().toISOString(), machine, ...result }, null, 2)}\n`);
  return file;
};
