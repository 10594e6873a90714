// Evaluates IoT policy documents the way IoT Core does for one request: allowed when an Allow
// statement matches the action, the resource and its conditions, and no Deny statement matches.
// Resources take `*` and `?` wildcards; MQTT's `+` and `#` in a `topicfilter/` resource are plain
// characters (a subscription to `a/#` needs a resource that matches the string `a/#`).
export type IotAction = 'iot:Connect' | 'iot:Publish' | 'iot:Subscribe' | 'iot:Receive';

type Statement = {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};
export type PolicyDocument = { Version?: string; Statement: Statement[] };

/** What IoT Core knows about the connection when it evaluates a policy. */
export type ConnectionContext = {
  clientId: string;
  /** The thing named like the client id, when the client's certificate is attached to it. */
  thingName?: string;
};

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

const escape = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
const wildcard = (pattern: string, value: string) => new RegExp(`^${pattern.split('*').map((p) => p.split('?').map(escape).join('.')).join('.*')}$`, 's').test(value);

/** Replaces policy variables; undefined when one cannot be resolved, so the resource matches nothing. */
const substitute = (resource: string, context: ConnectionContext): string | undefined => {
  const values: Record<string, string | undefined> = {
    'iot:ClientId': context.clientId,
    'iot:Connection.Thing.ThingName': context.thingName,
  };
  let unresolved = false;
  const out = resource.replace(/\$\{([^}]+)\}/g, (_, name: string) => values[name] ?? ((unresolved = true), ''));
  return unresolved ? undefined : out;
};

const conditionValue = (key: string, context: ConnectionContext): string | undefined => {
  if (key === 'iot:Connection.Thing.IsAttached') return String(Boolean(context.thingName));
  if (key === 'iot:ClientId') return context.clientId;
  if (key === 'iot:Connection.Thing.ThingName') return context.thingName;
  return undefined;
};

// Only the operators our documents use; an unknown one never matches, so it cannot widen access.
const conditionsHold = (condition: Statement['Condition'], context: ConnectionContext): boolean =>
  Object.entries(condition ?? {}).every(([operator, tests]) =>
    Object.entries(tests).every(([key, expected]) => {
      const actual = conditionValue(key, context);
      if (actual === undefined) return false;
      if (operator === 'Bool' || operator === 'StringEquals') return list(expected).some((e) => e.toLowerCase() === actual.toLowerCase());
      if (operator === 'StringLike') return list(expected).some((e) => wildcard(e, actual));
      return false;
    }),
  );

const matches = (statement: Statement, action: IotAction, resource: string, context: ConnectionContext): boolean =>
  list(statement.Action).some((a) => wildcard(a, action)) &&
  list(statement.Resource).some((r) => {
    const concrete = substitute(r, context);
    return concrete !== undefined && wildcard(concrete, resource);
  }) &&
  conditionsHold(statement.Condition, context);

export const isAllowed = (documents: PolicyDocument[], action: IotAction, resource: string, context: ConnectionContext): boolean => {
  const statements = documents.flatMap((d) => d.Statement);
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, action, resource, context))) return false;
  return statements.some((s) => s.Effect === 'Allow' && matches(s, action, resource, context));
};
