// What a platform gets back from our webhook. Meituan counts a push as delivered on status 200
// with {"data":"ok"} and retries anything else; its own failure shape is {"data":"ng","error":...}.
// So a push we refuse (401 for one we cannot verify, 400 for one we cannot read) or fail on (500)
// carries both: `data: "ng"` for the platform and our error envelope (API.md) for everyone else,
// in one body: {"data":"ng","error":{"code","message","details"?,"requestId"}}.
import { z } from 'zod';

export const PushAnswer = z.object({ data: z.literal('ok') }).meta({ id: 'PlatformPushAnswer' });
export type PushAnswer = z.output<typeof PushAnswer>;

export const PUSH_REFUSED = { data: 'ng' } as const;
