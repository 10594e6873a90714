// Runs the manifest's functions the way Lambda does: each function in its own worker thread (so
// its environment holds only its own bindings and module state is per function), started on
// first use, with the function's timeout enforced by ending the instance.
import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { FunctionSpec, Manifest } from '../infra/manifest-schema.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
type Instance = { worker: Worker; ready: Promise<void>; pending: Map<number, Pending>; draining?: boolean };

export class FunctionError extends Error {
  constructor(functionName: string, detail: { name: string; message: string; stack?: string }) {
    super(`${functionName} failed: ${detail.name}: ${detail.message}`);
    this.name = 'FunctionError';
    this.stack = detail.stack ?? this.stack;
  }
}

export type FunctionRuntime = {
  invoke: (name: string, event: unknown) => Promise<unknown>;
  /** Starts the function's instance ahead of its first event (a provisioned-concurrency of one). */
  warm: (name: string) => Promise<void>;
  /** Ends the function's instance, so the next event starts one with a fresh environment. */
  recycle: (name: string) => Promise<void>;
  started: () => string[];
  stop: () => Promise<void>;
};

// Workers do not inherit the parent's TypeScript loader, so each one registers tsx before it
// imports the worker module.
const WORKER = new URL('./function-worker.ts', import.meta.url).href;
// The ESM build of tsx's register API sits beside its loader (tsx's main export); the package's
// `require` condition would hand us the CommonJS build, which cannot register ESM hooks.
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx')), 'esm/api/index.mjs')).href;
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); })`;

export const createFunctionRuntime = (manifest: Manifest, rootDir: string, envFor: (name: string, spec: FunctionSpec) => Record<string, string>): FunctionRuntime => {
  const instances = new Map<string, Instance>();
  let nextId = 0;

  const spawn = (name: string, spec: FunctionSpec): Instance => {
    // Every worker pipes its output into ours; with dozens of functions warm that is dozens of
    // listeners on stdout and stderr by design, not a leak.
    for (const out of [process.stdout, process.stderr]) out.setMaxListeners(out.getMaxListeners() + 1);
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { entry: resolve(rootDir, spec.entry), functionName: name, memoryMb: spec.memoryMb },
      env: envFor(name, spec),
      resourceLimits: { maxOldGenerationSizeMb: spec.memoryMb },
    });
    const pending = new Map<number, Pending>();
    const ready = new Promise<void>((ok, fail) => {
      worker.once('message', () => ok());
      worker.once('error', fail);
    });
    const failAll = (error: Error) => {
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(error);
      }
      pending.clear();
      if (instances.get(name)?.worker === worker) instances.delete(name);
    };
    worker.on('message', (msg: { id?: number; ok?: boolean; result?: unknown; error?: { name: string; message: string; stack?: string } }) => {
      const p = msg.id === undefined ? undefined : pending.get(msg.id);
      if (!p || msg.id === undefined) return;
      pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new FunctionError(name, msg.error ?? { name: 'Error', message: 'unknown' }));
      if (instance.draining && pending.size === 0) void worker.terminate();
    });
    worker.on('error', (error) => failAll(new FunctionError(name, error)));
    worker.on('exit', (code) => {
      for (const out of [process.stdout, process.stderr]) out.setMaxListeners(Math.max(out.getMaxListeners() - 1, 10));
      failAll(new FunctionError(name, { name: 'Exit', message: `instance exited with code ${code}` }));
    });
    const instance: Instance = { worker, ready, pending };
    return instance;
  };

  const instanceOf = async (name: string): Promise<Instance> => {
    const spec = manifest.functions[name];
    if (!spec) throw new Error(`No function ${name} in the manifest`);
    let instance = instances.get(name);
    if (!instance) instances.set(name, (instance = spawn(name, spec)));
    await instance.ready;
    return instance;
  };

  const invoke = async (name: string, event: unknown): Promise<unknown> => {
    const spec = manifest.functions[name]!;
    const instance = await instanceOf(name);
    const id = nextId++;
    const timeoutMs = spec.timeoutSeconds * 1000;
    const { worker, pending } = instance;
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        fail(new FunctionError(name, { name: 'Timeout', message: `timed out after ${spec.timeoutSeconds} s` }));
        // Lambda ends the timed-out instance. Here one worker serves a function's concurrent
        // events, so ending it would fail events that are still within their own time: new
        // events go to a fresh instance, and this one ends once the others have answered.
        if (instances.get(name) === instance) instances.delete(name);
        if (pending.size === 0) void worker.terminate();
        else instance.draining = true;
      }, timeoutMs);
      pending.set(id, { resolve: ok, reject: fail, timer });
      worker.postMessage({ id, event, requestId: randomUUID(), deadline: Date.now() + timeoutMs });
    });
  };

  return {
    invoke,
    warm: async (name) => void (await instanceOf(name)),
    recycle: async (name) => {
      const instance = instances.get(name);
      instances.delete(name);
      // In-flight invocations finish on the old instance before it goes.
      while (instance && instance.pending.size > 0) await new Promise((r) => setTimeout(r, 10));
      await instance?.worker.terminate();
    },
    started: () => [...instances.keys()],
    stop: async () => {
      const all = [...instances.values()];
      instances.clear();
      await Promise.all(all.map((i) => i.worker.terminate()));
    },
  };
};
