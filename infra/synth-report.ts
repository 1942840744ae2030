// Prints where `cdk synth` put each stack's template, with its size and resource count
// (`npm run synth` runs it after the CLI), so the output says what was produced and where.
import * as fs from 'node:fs';
import * as path from 'node:path';

const outdir = path.resolve(process.argv[2] ?? 'cdk.out');
const manifest: unknown = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
const artifacts = isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {};

for (const [name, artifact] of Object.entries(artifacts)) {
  if (!isRecord(artifact) || artifact.type !== 'aws:cloudformation:stack' || !isRecord(artifact.properties))
    continue;
  const file = path.join(outdir, String(artifact.properties.templateFile));
  const template: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const resources =
    isRecord(template) && isRecord(template.Resources) ? Object.keys(template.Resources).length : 0;
  const relative = path.relative(process.cwd(), file);
  console.log(`${name}: ${relative} (${fs.statSync(file).size} bytes, ${resources} resources)`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
