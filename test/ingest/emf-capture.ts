// Captures what Powertools writes while a piece of work runs: EMF metric blobs (stdout) and JSON log
// lines (stdout, and stderr for warnings and errors), so tests can assert the handlers' real output.

export interface CapturedOutput {
  /** EMF documents (lines with an `_aws` key). */
  metrics: EmfDocument[];
  /** Structured log lines (Powertools Logger). */
  logs: Record<string, unknown>[];
}

export interface EmfDocument {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  [key: string]: unknown;
}

export async function captureOutput<T>(
  work: () => Promise<T>,
): Promise<{ result?: T; error?: unknown; output: CapturedOutput }> {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(record),
    jest.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  try {
    const result = await work();
    return { result, output: parse(chunks) };
  } catch (error) {
    return { error, output: parse(chunks) };
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
}

function parse(chunks: string[]): CapturedOutput {
  const documents = chunks
    .join('')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line): Record<string, unknown> => JSON.parse(line));
  return {
    metrics: documents.filter((doc): doc is EmfDocument => '_aws' in doc),
    logs: documents.filter((doc) => !('_aws' in doc)),
  };
}

/** Values of one metric across the captured EMF documents (a document may hold a list of values). */
export function metricValues(
  output: CapturedOutput,
  name: string,
  dimensions: Record<string, string> = {},
): number[] {
  return output.metrics
    .filter((doc) =>
      doc._aws.CloudWatchMetrics.some((set) => set.Metrics.some((metric) => metric.Name === name)),
    )
    .filter((doc) => Object.entries(dimensions).every(([key, value]) => doc[key] === value))
    .flatMap((doc) => {
      const value = doc[name];
      return Array.isArray(value) ? value.map(Number) : [Number(value)];
    });
}
