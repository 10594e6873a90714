// The manifest's keys: one customer-managed KMS key each. Encryption keys are rotated yearly by KMS,
// so a field's ciphertexts can be read only by functions granted decrypt on its key; mac keys are
// HMAC keys that functions may only GenerateMac with.
import { RemovalPolicy } from 'aws-cdk-lib';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { Manifest } from '../manifest-schema.ts';
import { pascal } from './naming.ts';

export type ManifestKey = { name: string; key: Key };

export interface KeysProps {
  readonly service: string;
  readonly stage: string;
  readonly keys: Manifest['keys'];
  readonly retain: boolean;
}

export class Keys extends Construct {
  readonly keys: Readonly<Record<string, ManifestKey>>;

  constructor(scope: Construct, id: string, props: KeysProps) {
    super(scope, id);
    this.keys = Object.fromEntries(
      Object.entries(props.keys).map(([name, spec]) => {
        const key = new Key(this, pascal(name), {
          description: `${props.service} ${props.stage}: ${spec.description}`,
          alias: `alias/${props.service}-${props.stage}-${name}`,
          // KMS rotates symmetric encryption keys; HMAC keys cannot be rotated automatically, and
          // rotating one would change every derived key (idempotency records keyed under it).
          ...(spec.usage === 'mac' ? { keySpec: KeySpec.HMAC_256, keyUsage: KeyUsage.GENERATE_VERIFY_MAC, enableKeyRotation: false } : { enableKeyRotation: true }),
          removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        return [name, { name, key }];
      }),
    );
  }

  get(name: string): ManifestKey {
    const bound = this.keys[name];
    if (!bound) throw new Error(`No key ${name} in the manifest`);
    return bound;
  }
}
