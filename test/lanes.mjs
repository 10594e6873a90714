// `npm test`: the suite as three Vitest processes side by side, each starting its own local cloud
// (test/integration/global-setup.ts, on ports chosen at run time). Vitest runs every file of the
// projects that take one file at a time (integration, scheduled, isolation) in a single queue;
// another process with a cloud of its own is another queue whose writes no "nothing was
// written" check of another can see. Lane 1 streams its output; the others' is printed when they
// end. Extra arguments go to every lane (e.g. `npm test -- --reporter=dot`). Exits non-zero if any fails.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LANES = [
  ['--project', 'unit', '--project', 'infra', '--project', 'integration'],
  ['--project', 'integration-b', '--project', 'isolation'],
  // Minutes of waiting on the real scheduler, nearly no work: a queue of its own.
  ['--project', 'scheduled'],
];
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const extra = process.argv.slice(2);

const run = (args, stream) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [vitest, 'run', ...args, ...extra], { stdio: ['ignore', stream ? 'inherit' : 'pipe', stream ? 'inherit' : 'pipe'] });
    let held = '';
    child.stdout?.on('data', (d) => (held += d));
    child.stderr?.on('data', (d) => (held += d));
    child.on('close', (code, signal) => {
      if (!stream) process.stdout.write(`\n──────── vitest run ${args.join(' ')} ────────\n${held}`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });

const codes = await Promise.all(LANES.map((args, i) => run(args, i === 0)));
console.log(`\nnpm test lanes: ${codes.map((c, i) => `lane ${i + 1} ${c === 0 ? 'passed' : `failed (${c})`}`).join(', ')}`);
process.exit(codes.some((c) => c !== 0) ? 1 : 0);
