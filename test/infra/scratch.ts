import { App, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { manifest } from '../../infra/manifest.ts';
import { StorefleetStack } from '../../infra/stacks/storefleet-stack.ts';
const ctx = JSON.parse(readFileSync('cdk.json', 'utf8')).context;
const app = new App({ outdir: '/tmp/sf/out', context: { ...ctx, 'aws:cdk:bundling-stacks': [] } });
const stack = new StorefleetStack(app, 'T', { manifest, stage: 'test' });
new Queue(stack, 'Bad');
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
try { app.synth(); console.log('synth ok'); } catch (e) { console.log('THREW', (e as Error).message.slice(0, 3000)); }
