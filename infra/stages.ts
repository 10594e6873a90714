// What differs between deployed stages. Silo chains are agreed with a customer before they sign
// up: listing a slug here deploys its own table (infra/stacks/silo-tenant-stack.ts), and signup
// with `tier: "silo"` for that slug then finds it.
import { z } from 'zod';

const Slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/);
export const StageConfig = z.object({ siloTenants: z.array(Slug).default([]) });
export type StageConfig = z.infer<typeof StageConfig>;

const STAGES: Readonly<Record<string, z.input<typeof StageConfig>>> = {
  dev: { siloTenants: [] },
  prod: { siloTenants: [] },
};

/** Stages whose data, users and logs must outlive a `cdk destroy`. */
const RETAINED_STAGES: readonly string[] = ['prod'];
export const retainsData = (stage: string): boolean => RETAINED_STAGES.includes(stage);

/** A stage's configuration; stages not listed (feature branches, tests) have no silo tenants. */
export const stageConfig = (stage: string): StageConfig => StageConfig.parse(STAGES[stage] ?? {});
