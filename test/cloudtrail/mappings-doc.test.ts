// docs/mappings.md is the output of `npm run mappings -- --write`: regenerate it when the registry
// changes. Compared modulo the formatter's table padding (prettier cannot run inside jest here).
import * as fs from 'node:fs';
import { MAPPINGS_DOC, renderMappingsMarkdown } from '../../scripts/mappings';

function withoutPadding(markdown: string): string[] {
  return markdown
    .split('\n')
    .map((line) => line.replace(/-{3,}/g, '---').replace(/\s+/g, '').trim())
    .filter((line) => line.length > 0);
}

test('docs/mappings.md is current (run `npm run mappings -- --write`)', () => {
  expect(withoutPadding(fs.readFileSync(MAPPINGS_DOC, 'utf8'))).toEqual(
    withoutPadding(renderMappingsMarkdown()),
  );
});
