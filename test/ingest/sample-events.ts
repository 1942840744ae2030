// Finds the sample events under events/: every `X.json` that is not an `X.expected.json`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Sample files under `folder` (relative to the repository), sorted, as absolute paths. */
export function sampleFiles(folder: string): string[] {
  const start = join(ROOT, folder);
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  return walk(start).filter((path) => path.endsWith('.json') && !path.endsWith('.expected.json'));
}

export function repoPath(path: string): string {
  return relative(ROOT, path);
}
