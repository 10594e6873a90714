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

  it('gives every creating tenant route a table for idempotency records', () => {
    expect(manifest.functions.createTenant?.bindings.tables.idempotency).toBe('readWrite');
  });
});
