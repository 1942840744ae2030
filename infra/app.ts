// The CDK app (cdk.json runs it with tsx): both stacks, configured by context, synthesized offline.
import { App } from 'aws-cdk-lib';
import { buildInventoryApp } from './inventory-app';

const app = new App();
buildInventoryApp(app);
app.synth();
