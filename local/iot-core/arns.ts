// ARNs of the local IoT Core: AWS's shape with the local account, so policy documents written for
// AWS (iot/policies.ts) evaluate unchanged.
export const LOCAL_ACCOUNT = '000000000000';

export type IotArns = ReturnType<typeof iotArns>;

export const iotArns = (region: string, account = LOCAL_ACCOUNT) => {
  const prefix = `arn:aws:iot:${region}:${account}:`;
  return {
    /** What iot/policies.ts takes: `arn:aws:iot:<region>:<account>:`. */
    prefix,
    certificate: (id: string) => `${prefix}cert/${id}`,
    thing: (name: string) => `${prefix}thing/${name}`,
    client: (clientId: string) => `${prefix}client/${clientId}`,
    topic: (topic: string) => `${prefix}topic/${topic}`,
    topicFilter: (filter: string) => `${prefix}topicfilter/${filter}`,
    provisioningTemplate: (name: string) => `${prefix}provisioningtemplate/${name}`,
  };
};
