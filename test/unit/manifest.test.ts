import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifest } from '../../infra/manifest.ts';
import { Manifest } from '../../infra/manifest-schema.ts';

describe('the manifest', () => {
  it('names an existing entry file exporting a handler for every function', () => {
    for (const [name, spec] of Object.entries(manifest.functions)) {
      expect(existsSync(spec.entry), `${name}: ${spec.entry}`).toBe(true);
      expect(readFileSync(spec.entry, 'utf8'), name).toMatch(/export const handler\b/);
    }
  });

  it('rejects references to undeclared queues and tables, and duplicate routes', () => {
    const base = { service: 's', tables: { main: { partitionKey: { name: 'pk', type: 'S' } } }, queues: {} };
    const sqsFn = { entry: 'functions/a.ts', description: 'a', trigger: { type: 'sqs', queue: 'missing', batchSize: 1 } };
    expect(Manifest.safeParse({ ...base, functions: { a: sqsFn } }).success).toBe(false);
    const streamFn = { entry: 'functions/a.ts', description: 'a', trigger: { type: 'stream', table: 'main', batchSize: 1 } };
    expect(Manifest.safeParse({ ...base, functions: { a: streamFn } }).error?.issues[0]?.message).toMatch(/has no stream/);
    const route = { entry: 'functions/a.ts', description: 'a', trigger: { type: 'http', method: 'GET', path: '/x', access: 'public' } };
    expect(Manifest.safeParse({ ...base, functions: { a: route, b: route } }).error?.issues[0]?.message).toMatch(/declared twice/);
    const unbound = { ...route, bindings: { tables: { other: 'read' } } };
    expect(Manifest.safeParse({ ...base, functions: { a: unbound } }).success).toBe(false);
  });

  it('runs a deadLetter trigger only on the dead letters of a declared queue that has a DLQ, one consumer each, timed within the DLQ', () => {
    const queues = { work: { fifo: true, visibilityTimeoutSeconds: 60, deadLetter: { maxReceiveCount: 5 } }, bare: { fifo: false, visibilityTimeoutSeconds: 60 } };
    const base = { service: 's', tables: { main: { partitionKey: { name: 'pk', type: 'S' } } }, queues };
    const onDeadLetters = (queue: string, extra: Record<string, unknown> = {}) => ({ entry: 'functions/a.ts', description: 'a', trigger: { type: 'deadLetter', queue, batchSize: 1 }, ...extra });
    const issues = (functions: Record<string, unknown>) => Manifest.safeParse({ ...base, functions }).error?.issues.map((i) => i.message) ?? [];

    const parsed = Manifest.parse({ ...base, functions: { a: onDeadLetters('work') } });
    expect(parsed.functions.a?.trigger).toEqual({ type: 'deadLetter', queue: 'work', batchSize: 1 });
    expect(issues({ a: onDeadLetters('missing') })).toEqual(['unknown queue missing']);
    expect(issues({ a: onDeadLetters('bare') })).toEqual(['queue bare has no dead-letter queue']);
    expect(issues({ a: onDeadLetters('work'), b: onDeadLetters('work') })).toEqual(['dead letters of queue work consumed twice']);
    expect(issues({ a: onDeadLetters('work', { timeoutSeconds: 31 }) })).toEqual([expect.stringMatching(/dead-letter consumer may take at most 30s/)]);
    // The queue's own consumer and its dead letters' consumer are two functions of one queue.
    const consumer = { entry: 'functions/b.ts', description: 'b', trigger: { type: 'sqs', queue: 'work', batchSize: 1 } };
    expect(issues({ a: onDeadLetters('work'), b: consumer })).toEqual([]);
  });

  it('ends every bulk import job whose chunks dead-letter: each import queue has a DLQ and a deadLetter consumer', () => {
    for (const queue of ['storeImports', 'productImports']) {
      expect(manifest.queues[queue]?.deadLetter, queue).toBeDefined();
      const consumers = Object.values(manifest.functions).filter((f) => f.trigger.type === 'deadLetter' && f.trigger.queue === queue);
      expect(consumers, queue).toHaveLength(1);
    }
  });

  it('gives every creating tenant route a table for idempotency records', () => {
    expect(manifest.functions.createTenant?.bindings.tables.idempotency).toBe('readWrite');
  });
});
