// Which nested stack deploys each manifest function. The manifest's function groups are its
// contexts: each file of infra/functions/ exports one `<group>Functions` object that
// infra/manifest.ts spreads into its functions, and each file becomes one nested stack named for
// it, so a new file is a new stack with nothing to register and a function stays in its stack as
// long as it stays in its file. The functions declared in infra/manifest.ts itself (tenants, users,
// stores, franchise, jobs, the outbox) make the `platform` stack. Reading the files is
// asynchronous (ES modules), so the app loads them once (infra/app.ts) and passes them to the
// stack. test/infra/function-stacks.test.ts keeps every stack well inside CloudFormation's limits.
import { readdirSync } from 'node:fs';
import type { Manifest } from '../manifest-schema.ts';

/** Each group's functions as its file declares them (only the names are read here). */
export type FunctionGroups = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The function groups of infra/functions/, by file name: one nested stack each. */
export const loadFunctionGroups = async (): Promise<FunctionGroups> => {
  const files = readdirSync(new URL('../functions/', import.meta.url))
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const groups: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const file of files) {
    const exported = Object.entries((await import(`../functions/${file}`)) as Record<string, unknown>).filter(([name]) => name.endsWith('Functions'));
    const [declared, ...more] = exported;
    if (!declared || more.length > 0 || typeof declared[1] !== 'object' || declared[1] === null)
      throw new Error(`infra/functions/${file} must export exactly one <group>Functions object (found ${exported.map(([name]) => name).join(', ') || 'none'})`);
    groups[file.slice(0, -'.ts'.length)] = declared[1] as Readonly<Record<string, unknown>>;
  }
  return groups;
};

/** Where a function no group declares goes: those of infra/manifest.ts itself. */
export const PLATFORM_GROUP = 'platform';

/**
 * Cognito triggers get a stack of their own whatever their group: the user pool names its trigger
 * functions, so their stack must not depend on the pool, and every other group's does (identity
 * bindings, or the JWT authorizer of its routes).
 */
export const COGNITO_TRIGGERS_GROUP = 'cognitoTriggers';

/** The manifest's functions by the group whose nested stack deploys them, in manifest order. */
export const groupFunctions = (manifest: Pick<Manifest, 'functions'>, groups: FunctionGroups): Map<string, string[]> => {
  for (const reserved of [PLATFORM_GROUP, COGNITO_TRIGGERS_GROUP])
    if (reserved in groups) throw new Error(`function group ${reserved} is reserved: rename infra/functions/${reserved}.ts`);
  const byGroup = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(manifest.functions)) {
    const declaring = Object.entries(groups).filter(([, functions]) => Object.hasOwn(functions, name)).map(([group]) => group);
    // Spread into one object, a name declared twice would silently keep only the last declaration.
    if (declaring.length > 1) throw new Error(`function ${name} is declared by more than one group: ${declaring.join(', ')}`);
    const group = spec.trigger.type === 'cognito' ? COGNITO_TRIGGERS_GROUP : (declaring[0] ?? PLATFORM_GROUP);
    byGroup.set(group, [...(byGroup.get(group) ?? []), name]);
  }
  return byGroup;
};
