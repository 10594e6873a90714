// RFC 6761: every name under `.localhost` is loopback. The SQS emulator hands out AWS-style queue
// URLs (`http://sqs.us-east-1.localhost:PORT/...`) and the SDK sends requests to that host, but
// this machine's resolver only knows `localhost` itself. Importing this module teaches this
// thread's dns.lookup the rule; local processes and function workers import it first.
import dns from 'node:dns';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

const original = dns.lookup;
const LOOPBACK = { address: '127.0.0.1', family: 4 } as const;

const patched = (hostname: string, options: unknown, callback?: unknown): void => {
  const cb = (typeof options === 'function' ? options : callback) as LookupCallback;
  const opts = (typeof options === 'object' && options !== null ? options : {}) as dns.LookupOptions;
  if (!hostname.endsWith('.localhost')) return (original as (...args: unknown[]) => void)(hostname, options, callback);
  process.nextTick(() => (opts.all ? cb(null, [LOOPBACK]) : cb(null, LOOPBACK.address, LOOPBACK.family)));
};

if ((dns.lookup as { storefleetLoopback?: true }).storefleetLoopback !== true) {
  dns.lookup = Object.assign(patched, { storefleetLoopback: true as const, __promisify__: original.__promisify__ }) as unknown as typeof dns.lookup;
}
