// Evaluates a fleet provisioning template body with its parameters, as IoT Core does before it
// creates anything: `Ref` to a parameter (or its Default) and `Fn::Join`; the resources our
// templates use (one thing, the certificate being registered, policies by name).
export type TemplateBody = {
  Parameters?: Record<string, { Type?: string; Default?: string }>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; OverrideSettings?: Record<string, string> }>;
  DeviceConfiguration?: Record<string, unknown>;
};

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export type ProvisioningPlan = {
  thing?: { thingName: string; attributes: Record<string, string> };
  certificateStatus?: string;
  policyNames: string[];
  deviceConfiguration: Record<string, string>;
};

const resolver = (body: TemplateBody, parameters: Record<string, string>) => {
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    if (typeof object.Ref === 'string') {
      const resolved = parameters[object.Ref] ?? body.Parameters?.[object.Ref]?.Default;
      if (resolved === undefined) throw new TemplateError(`Parameter ${object.Ref} has no value and no default`);
      return resolved;
    }
    if (Array.isArray(object['Fn::Join'])) {
      const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
      return (parts.map(resolve) as string[]).join(separator);
    }
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, resolve(v)]));
  };
  return resolve;
};

const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string' || !value) throw new TemplateError(`${what} must be a non-empty string`);
  return value;
};

export const evaluateTemplate = (body: TemplateBody, parameters: Record<string, string>): ProvisioningPlan => {
  const resolve = resolver(body, parameters);
  const plan: ProvisioningPlan = { policyNames: [], deviceConfiguration: {} };
  for (const [name, resource] of Object.entries(body.Resources)) {
    const props = (resolve(resource.Properties ?? {}) ?? {}) as Record<string, unknown>;
    switch (resource.Type) {
      case 'AWS::IoT::Thing': {
        const attributes = (props.AttributePayload ?? {}) as Record<string, unknown>;
        plan.thing = {
          thingName: text(props.ThingName, `${name}.ThingName`),
          attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, text(v, `${name}.AttributePayload.${k}`)])),
        };
        break;
      }
      case 'AWS::IoT::Certificate':
        plan.certificateStatus = typeof props.Status === 'string' ? props.Status : undefined;
        break;
      case 'AWS::IoT::Policy':
        plan.policyNames.push(text(props.PolicyName, `${name}.PolicyName`));
        break;
      default:
        throw new TemplateError(`Resource type ${resource.Type} is not supported locally`);
    }
  }
  plan.deviceConfiguration = Object.fromEntries(Object.entries((resolve(body.DeviceConfiguration ?? {}) ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  return plan;
};
