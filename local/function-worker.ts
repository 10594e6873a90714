// One Lambda function instance: a worker thread with the function's own environment, which loads
// the entry module once (cold start) and runs invocations posted by the local runtime.
import './loopback-dns.ts';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type Invocation = { id: number; event: unknown; requestId: string; deadline: number };

const { entry, functionName, memoryMb } = workerData as { entry: string; functionName: string; memoryMb: number };
const module = (await import(pathToFileURL(entry).href)) as { handler?: Handler };
if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
const handler = module.handler;

const contextFor = ({ requestId, deadline }: Invocation): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: String(memoryMb),
  awsRequestId: requestId,
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

parentPort?.on('message', async (invocation: Invocation) => {
  try {
    const result = await handler(invocation.event, contextFor(invocation));
    parentPort?.postMessage({ id: invocation.id, ok: true, result });
  } catch (error) {
    const e = error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) };
    parentPort?.postMessage({ id: invocation.id, ok: false, error: e });
  }
});
parentPort?.postMessage({ ready: true });
