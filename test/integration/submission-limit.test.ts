// The application limiter over time, with a pinned clock against DynamoDB Local: a burst that
// straddles a window boundary gets no more than one window's allowance.
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { cloud } from '../support/api.ts';
import type * as Limit from '../../domain/franchise/submission-limit.ts';
import type * as Service from '../../domain/franchise/franchise-service.ts';
import { sharedScope } from '../support/scope.ts';

let limit: typeof Limit;
let service: ReturnType<typeof Service.createFranchiseService>;

beforeAll(async () => {
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  limit = await import('../../domain/franchise/submission-limit.ts');
  service = (await import('../../domain/franchise/franchise-service.ts')).createFranchiseService(await sharedScope(cloud().tables.main));
});

describe('application submission limit', () => {
  it('refuses the submission past the limit even when the burst straddles a window boundary', async () => {
    const { perIp, windowMs } = limit.SUBMISSION_LIMITS;
    const boundary = Math.ceil(Date.parse('2026-11-23T09:00:00Z') / windowMs) * windowMs;
    let now = boundary - 2_000;
    const deps = { service, clock: { now: () => new Date(now) } };
    const sourceIp = `10.${randomBytes(3).join('.')}`;
    const submit = (i: number) => limit.countSubmission({ codeHash: `h-${sourceIp}-${i}`, sourceIp }, deps);

    for (let i = 0; i < perIp / 2; i++) await submit(i); // just before the boundary
    now = boundary + 1_000;
    for (let i = perIp / 2; i < perIp; i++) await submit(i); // just after it
    await expect(submit(perIp)).rejects.toMatchObject({ code: 'rate_limited' });

    // Once the earlier window has slid out of reach, the address may submit again.
    now = boundary + windowMs + 1_000;
    await expect(submit(perIp + 1)).resolves.toBeUndefined();
  });
});
