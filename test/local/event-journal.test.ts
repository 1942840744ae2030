// The bus journal: what was recorded and not finished comes back after a crash, in order; a torn last
// line is ignored; an idle journal is compacted.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventJournal } from '../../shared/local/event-journal';

const dir = mkdtempSync(join(tmpdir(), 'journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (id: string, detail = '{}') => ({
  id,
  text: `{"version":"0","id":"${id}","source":"test","detail":${detail}}`,
});

test('recorded and unfinished events come back on the next open, in order; finished ones do not', async () => {
  const path = join(dir, 'a.log');
  const first = await EventJournal.open(path);
  expect(first.unfinished).toEqual([]);
  await first.journal.record([entry('e1'), entry('e2')]);
  await first.journal.record([entry('e3')]);
  await first.journal.finish('e2');
  // No close: the process "dies" here, with the file as the writes left it.
  const second = await EventJournal.open(path);
  expect(second.unfinished.map((event) => event.id)).toEqual(['e1', 'e3']);
  expect(second.unfinished[0].text).toBe(entry('e1').text);
  expect(second.journal.pendingCount).toBe(2);
  await second.journal.finish('e1');
  await second.journal.finish('e3');
  await second.journal.close();
  await first.journal.close();
  const third = await EventJournal.open(path);
  expect(third.unfinished).toEqual([]);
  await third.journal.close();
});

test('a line torn by a crash mid-write is skipped, the lines before it kept', async () => {
  const path = join(dir, 'torn.log');
  writeFileSync(path, `A ${entry('e1').text}\n`);
  appendFileSync(path, `A {"version":"0","id":"e2","sou`);
  const { unfinished, journal } = await EventJournal.open(path);
  expect(unfinished.map((event) => event.id)).toEqual(['e1']);
  await journal.close();
});

test('an event text JSON.stringify could not write (10,000 levels deep) is kept as it was sent', async () => {
  const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const path = join(dir, 'deep.log');
  const { journal } = await EventJournal.open(path);
  await journal.record([entry('deep', deep)]);
  const again = await EventJournal.open(path);
  expect(again.unfinished).toEqual([entry('deep', deep)]);
  await again.journal.close();
  await journal.close();
});

test('the file is owner-only, and shrinks to nothing once idle past its threshold', async () => {
  const path = join(dir, 'compact.log');
  const { journal } = await EventJournal.open(path);
  expect(statSync(path).mode & 0o777).toBe(0o600);
  const big = `"${'x'.repeat(100_000)}"`;
  for (let n = 0; n < 12; n++) {
    await journal.record([entry(`e${n}`, big)]);
    await journal.finish(`e${n}`);
  }
  expect(readFileSync(path, 'utf8').length).toBeLessThan(1024 * 1024);
  expect(journal.pendingCount).toBe(0);
  await journal.close();
});

test('a journal that cannot be written rejects the record (the caller refuses the event)', async () => {
  const path = join(dir, 'broken.log');
  const { journal } = await EventJournal.open(path);
  await journal.close();
  await expect(journal.record([entry('e1')])).rejects.toThrow();
  expect(journal.pendingCount).toBe(0);
});
