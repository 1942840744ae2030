// Prints where `cdk synth` put each stack's template and each StackSet member template (not a stack
// of the assembly: cdk-stacksets publishes it as an asset), with its size and resource count
// (`npm run synth` runs it after the CLI), so the output says what was produced and where.
import * as fs from 'node:fs';
import * as path from 'node:path';

const outdir = path.resolve(process.argv[2] ?? 'cdk.out');
const manifest: unknown = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
const artifacts = isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {};

for (const [name, artifact] of Object.entries(artifacts)) {
  if (!isRecord(artifact) || artifact.type !== 'aws:cloudformation:stack' || !isRecord(artifact.properties))
    continue;
  report(name, path.join(outdir, String(artifact.properties.templateFile)));
}
const STACK_SET_TEMPLATE = '.stackset.template.json';
for (const file of fs.readdirSync(outdir).filter((name) => name.endsWith(STACK_SET_TEMPLATE))) {
  report(`StackSet member ${file.slice(0, -STACK_SET_TEMPLATE.length)}`, path.join(outdir, file), 'by URL');
}

function report(name: string, file: string, note = ''): void {
  const template: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const resources =
    isRecord(template) && isRecord(template.Resources) ? Object.keys(template.Resources).length : 0;
  const relative = path.relative(process.cwd(), file);
  const extra = note ? `, ${note}` : '';
  console.log(`${name}: ${relative} (${fs.statSync(file).size} bytes, ${resources} resources${extra})`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
