// `npm run dlq:redrive -- --queue <name>`: lists what sits in a manifest queue's dead-letter queue
// or moves it back to the queue, once its cause is fixed.
//
// `--list` (or `--dry-run`) prints each dead message (id, receive count, sent time, the first bytes
// of its body, its message group on a FIFO queue) and moves nothing. Without it each message is
// sent to the source queue (a FIFO one with its MessageGroupId and a deduplication id derived from
// the dead message, so a repeated redrive within SQS's 5-minute window sends nothing twice) and
// deleted from the DLQ only after that send succeeded; tools/dlq-redrive/dead-letters.ts says why
// this is not SQS's StartMessageMoveTask. Consumers are idempotent, so a redriven message repeats
// nothing it had already done.
//
// Where: the local cloud behind `--api` (default http://localhost:$PORT or 3000) at `--stage`
// (default local), or with `--aws` the deployed `--stage` by the SDK's own configuration, as
// outbox:replay (tools/shared/cloud.ts). Queues are found by the physical names the manifest gives
// them. Flags: `--max <n>` (at most n messages), `--json` (the report as JSON on stdout).
// Exit code 0 when every message reached was listed or moved, 1 when one could not be moved (the
// run stops there) or a queue was not found, 2 on a usage error (an unknown queue among them).
import '../local/loopback-dns.ts';
import { parseArgs } from 'node:util';
import { manifest } from '../infra/manifest.ts';
import { awsCloud, localCloud, queueName, queueUrl, type Cloud } from './shared/cloud.ts';
import { drain, type DeadLetter, type Queues, type Run } from './dlq-redrive/dead-letters.ts';

// The SDK warns that it will leave Node 20 in 2027; the warning is noise in a report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run dlq:redrive -- --queue <name> [--list | --dry-run] [--max <n>] [--json] [--api <url> | --aws] [--stage <stage>]`);
  process.exit(2);
}

const parse = () => {
  try {
    return parseArgs({
      options: {
        queue: { type: 'string' },
        list: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        max: { type: 'string' },
        json: { type: 'boolean', default: false },
        api: { type: 'string' },
        aws: { type: 'boolean', default: false },
        stage: { type: 'string', default: 'local' },
      },
    }).values;
  } catch (error) {
    return usage((error as Error).message);
  }
};
const args = parse();
const withDeadLetters = Object.entries(manifest.queues).flatMap(([name, spec]) => (spec.deadLetter ? [name] : []));
if (!args.queue) usage(`--queue is required: one of ${withDeadLetters.join(', ')}`);
const queue = args.queue;
if (!withDeadLetters.includes(queue))
  usage(`${queue} is not a queue of the manifest with a dead-letter queue; those are: ${withDeadLetters.join(', ')}`);
const max = args.max === undefined ? Infinity : Number(args.max);
if (!Number.isInteger(max) && max !== Infinity) usage('--max takes a whole number');
if (max < 1) usage('--max takes a number from 1');
if (args.aws && args.api) usage('--aws and --api name different clouds: choose one');
const redrive = !(args.list || args['dry-run']);
const stage = args.stage;
const fifo = manifest.queues[queue]!.fifo;

function fail(message: string): never {
  if (args.json) console.log(JSON.stringify({ mode: redrive ? 'redrive' : 'list', queue, stage, error: message }, null, 2));
  console.error(message);
  process.exit(1);
}

let cloud: Cloud;
try {
  cloud = args.aws ? await awsCloud() : await localCloud(args.api ?? `http://localhost:${process.env.PORT ?? 3000}`);
} catch (error) {
  fail((error as Error).message);
}
const { sqs } = cloud;

const line = (l: DeadLetter): string => {
  const mark = { listed: '', moved: 'moved    ', failed: 'KEPT     ', 'not-tried': 'KEPT     ' }[l.outcome];
  const group = l.groupId ? `  group ${l.groupId}` : '';
  const sent = l.outcome === 'moved' ? `  -> ${l.sentAs ?? 'sent'}${l.deduplicationId ? ` (dedup ${l.deduplicationId})` : ''}` : '';
  const detail = l.detail ? `\n      ${l.detail}` : '';
  return `  ${mark}${l.messageId}  received ${l.receiveCount}x  sent ${l.sentAt}${group}  ${l.bodyBytes} B${sent}\n      ${l.body}${detail}`;
};

let run: Run;
let queues: Queues;
try {
  try {
    queues = { queue, fifo, queueUrl: await queueUrl(sqs, stage, queue), deadLetterUrl: await queueUrl(sqs, stage, queue, { deadLetter: true }) };
  } catch (error) {
    const where = args.aws ? `AWS (${cloud.region})` : 'the local cloud';
    fail(`${queueName(stage, queue)} or its dead-letter queue ${queueName(stage, queue, { deadLetter: true })} was not found in ${where} at stage ${stage} (${(error as Error).name}: ${(error as Error).message})`);
  }
  if (!args.json) console.log(`${queue}: dead-letter queue ${queues.deadLetterUrl}${redrive ? ` -> ${queues.queueUrl}` : ''}`);
  run = await drain(sqs, queues, { redrive, max });
} finally {
  sqs.destroy();
}

const notReached = run.notReached > 0 ? ` About ${run.notReached} more not reached (past --max, or behind a FIFO message group this run held).` : '';
if (args.json) {
  console.log(JSON.stringify({ mode: redrive ? 'redrive' : 'list', queue, stage, fifo, queueUrl: queues.queueUrl, deadLetterQueueUrl: queues.deadLetterUrl, ...run }, null, 2));
} else {
  for (const l of run.messages) console.log(line(l));
  if (redrive) console.log(`Moved ${run.moved} dead message(s) back to ${queue}; ${run.kept} kept${run.kept ? ' (see KEPT above; each stays in the DLQ)' : ''}.${notReached}`);
  else console.log(`Listed ${run.messages.length} dead message(s); nothing was moved.${notReached}`);
}
process.exitCode = run.kept > 0 ? 1 : 0;
