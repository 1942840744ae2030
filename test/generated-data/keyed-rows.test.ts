// A generated table survives the trip through its module text, whatever its strings hold, and a row
// is parsed only when asked for.
import { KeyedRows, renderKeyedRowsModule } from '../../shared/generated-data/keyed-rows';

type Row = [string, string, string[]];

/** The module's exports, by running its text as a script (it is plain JavaScript once `export` goes). */
function evaluate(text: string): Record<string, string> {
  const names = [...text.matchAll(/^export const (\w+)/gm)].map((match) => match[1]);
  const body = `${text.replace(/^export /gm, '')}\nreturn { ${names.join(', ')} };`;
  return new Function(body)() as Record<string, string>;
}

const ROWS: Row[] = [
  ['AWS::Demo::Plain', 'arn:{partition}:demo:{region}:{account}:plain/{Name}', ['Name']],
  ['AWS::Demo::Awkward', 'back`tick ${not-a-hole} back\\slash', ['quote"d', "it's"]],
];

test('rows come back exactly as they were rendered', () => {
  const text = renderKeyedRowsModule({
    header: ['A test table.'],
    source: { name: 'SOURCE', value: "demo's data 1.0" },
    tables: [{ name: 'TEXT', doc: 'Rows.', rows: ROWS }],
  });
  const exported = evaluate(text);
  expect(exported.SOURCE).toBe("demo's data 1.0");
  const table = new KeyedRows<Row>(exported.TEXT);
  expect(table.keys()).toEqual(['AWS::Demo::Plain', 'AWS::Demo::Awkward']);
  expect(table.get('AWS::Demo::Awkward')).toEqual(ROWS[1]);
  expect(table.all()).toEqual(ROWS);
  expect(table.get('AWS::Demo::Missing')).toBeUndefined();
});

test('a row is parsed once, when first asked for', () => {
  const text = ROWS.map((row) => JSON.stringify(row)).join('\n');
  const parse = jest.spyOn(JSON, 'parse');
  try {
    const table = new KeyedRows<Row>(text);
    expect(table.keys()).toHaveLength(2);
    expect(parse).not.toHaveBeenCalled();
    const first = table.get('AWS::Demo::Plain');
    expect(table.get('AWS::Demo::Plain')).toBe(first);
    expect(parse).toHaveBeenCalledTimes(1);
  } finally {
    parse.mockRestore();
  }
});
