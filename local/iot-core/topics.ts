// MQTT topic filter matching and the reserved topics of IoT Core's fleet provisioning MQTT API.
export const topicMatches = (filter: string, topic: string): boolean => {
  const f = filter.split('/');
  const t = topic.split('/');
  // [MQTT-4.7.2-1] a filter starting with a wildcard never matches a `$` topic.
  if ((f[0] === '+' || f[0] === '#') && topic.startsWith('$')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
};

export const PROVISIONING_TOPICS = {
  createKeysAndCertificate: '$aws/certificates/create/json',
  registerThing: (template: string) => `$aws/provisioning-templates/${template}/provision/json`,
} as const;

const REGISTER_THING = /^\$aws\/provisioning-templates\/([^/]+)\/provision\/json$/;

export type ProvisioningRequest = { operation: 'createKeysAndCertificate' } | { operation: 'registerThing'; template: string };

/** The operation a publish on `topic` asks IoT Core for, if it is a provisioning request. */
export const provisioningRequest = (topic: string): ProvisioningRequest | undefined => {
  if (topic === PROVISIONING_TOPICS.createKeysAndCertificate) return { operation: 'createKeysAndCertificate' };
  const template = REGISTER_THING.exec(topic)?.[1];
  return template ? { operation: 'registerThing', template } : undefined;
};

/** IoT Core alone publishes the answers; a client publishing on them is refused. */
export const isProvisioningResponse = (topic: string): boolean =>
  /^\$aws\/(certificates\/create(-from-csr)?|provisioning-templates\/[^/]+\/provision)\/json\/(accepted|rejected)$/.test(topic);
