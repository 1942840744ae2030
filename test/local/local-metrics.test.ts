// The local runtime's metrics: what the handlers' Powertools Metrics print (EMF) is kept per minute and
// reported as the dashboard's graphs; the local-only GET /metrics route serves them.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { LocalMetrics } from '../../shared/local/local-metrics';
import type { LocalMetricsReport, MetricGraph } from '../../shared/local/local-metrics';
import { withLocalMetricsRoute } from '../../shared/local/local-metrics-route';
import { METRIC_LIST, METRIC_NAMESPACE, SERVICE_NAMES } from '../../shared/observability/metric-catalog';
import { dimensionSetsOf, graphTitleOf } from '../../shared/observability/metric-graphs';
import { createTelemetry } from '../../shared/observability/telemetry';
import { apiGatewayEvent } from '../support/api-gateway-event';
import { captureOutput } from '../ingest/emf-capture';

const T0 = Date.parse('2026-03-01T10:00:00Z');
const at = (seconds: number) => T0 + seconds * 1000;

function graph(report: LocalMetricsReport, name: string): MetricGraph {
  const found = report.graphs.find((entry) => entry.name === name);
  if (!found) throw new Error(`no graph ${name}`);
  return found;
}

function points(report: LocalMetricsReport, name: string, label: string) {
  const series = graph(report, name).series.find((entry) => entry.label === label);
  if (!series) throw new Error(`no series ${label} in ${name}`);
  return series.points;
}

describe('LocalMetrics from the handlers’ real EMF output', () => {
  const saved = process.env.POWERTOOLS_METRICS_DISABLED;
  beforeAll(() => {
    // The lines must really be printed to be captured.
    process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.POWERTOOLS_METRICS_DISABLED;
    else process.env.POWERTOOLS_METRICS_DISABLED = saved;
  });

  test('the printed EMF lines and the documents handed to the sink record the same graphs', async () => {
    // Powertools stamps each document with Date.now(): the minute is chosen here, not by the test's timing.
    const clock = jest.spyOn(Date, 'now').mockReturnValue(at(5));
    const fromSink = new LocalMetrics();
    const fromLines = new LocalMetrics();
    const { output } = await captureOutput(async () => {
      const ingest = createTelemetry(SERVICE_NAMES.cloudtrailIngest, {
        onEmf: (document) => fromSink.recordEmf(document),
      });
      ingest.record('eventsReceived', 1, { DetailType: 'AWS API Call via CloudTrail' });
      ingest.record('eventsReceived', 1, { DetailType: 'AWS API Call via CloudTrail' });
      ingest.record('eventsReceived', 1, { DetailType: 'Something unknown' });
      ingest.record('changesApplied', 2);
      ingest.record('changesApplied', 1);
      ingest.record('ingestLag', 1500);
      ingest.flush();
      const query = createTelemetry(SERVICE_NAMES.queryApi, {
        onEmf: (document) => fromSink.recordEmf(document),
      });
      for (let i = 1; i <= 100; i++) query.record('requestLatency', i, { Route: 'GET /resources' });
      query.flush();
    });
    expect(output.metrics.length).toBeGreaterThan(0);
    for (const document of output.metrics) fromLines.recordEmfLine(JSON.stringify(document));
    clock.mockReturnValue(at(30));
    const report = fromSink.report(5);
    expect(fromLines.report(5)).toEqual(report);

    const minute = new Date(T0).toISOString();
    expect(report.graphs.map((entry) => entry.title)).toEqual(METRIC_LIST.map(graphTitleOf));
    expect(points(report, 'EventsReceived', 'ingest-cloudtrail AWS API Call via CloudTrail')).toEqual([
      { time: minute, value: 2 },
    ]);
    // A value outside the catalog's list is folded into `other`, as the dashboard draws it.
    expect(points(report, 'EventsReceived', 'ingest-cloudtrail other')).toEqual([{ time: minute, value: 1 }]);
    expect(points(report, 'EventsReceived', 'ingest-cloudformation other')).toEqual([]);
    // Metrics without dimensions of their own add up within the invocation (Powertools sums repeats).
    expect(points(report, 'ChangesApplied', 'ingest-cloudtrail')).toEqual([{ time: minute, value: 3 }]);
    expect(points(report, 'IngestLag', 'ingest-cloudtrail')).toEqual([{ time: minute, value: 1500 }]);
    expect(graph(report, 'RequestLatency').statistic).toBe('p99');
    expect(points(report, 'RequestLatency', 'query-api GET /resources')).toEqual([
      { time: minute, value: 99 },
    ]);
    clock.mockRestore();
  });

  test('every graph has one series per dimension set the dashboard draws', () => {
    const report = new LocalMetrics({ now: () => T0 }).report();
    for (const metric of METRIC_LIST)
      expect(graph(report, metric.name).series.map((series) => series.dimensions)).toEqual(
        dimensionSetsOf(metric),
      );
  });
});

describe('LocalMetrics bookkeeping', () => {
  const emf = (timestamp: number, value: number | number[], extra: Record<string, unknown> = {}) => ({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        { Namespace: METRIC_NAMESPACE, Dimensions: [['service']], Metrics: [{ Name: 'RowsWritten' }] },
      ],
    },
    service: 'ingest-cloudformation',
    RowsWritten: value,
    ...extra,
  });

  test('values are summed per minute, lists of values included, minutes without data left out', () => {
    const metrics = new LocalMetrics({ now: () => at(200) });
    expect(metrics.recordEmf(emf(at(1), 2))).toBe(1);
    expect(metrics.recordEmf(emf(at(59), [1, 1, 1]))).toBe(3);
    expect(metrics.recordEmf(emf(at(125), 4))).toBe(1);
    expect(points(metrics.report(10), 'RowsWritten', 'ingest-cloudformation')).toEqual([
      { time: new Date(at(0)).toISOString(), value: 5 },
      { time: new Date(at(120)).toISOString(), value: 4 },
    ]);
  });

  test('lines that are not EMF of our namespace record nothing', () => {
    const metrics = new LocalMetrics({ now: () => at(10) });
    expect(metrics.recordEmfLine('{"level":"INFO","message":"request"}')).toBe(0);
    expect(metrics.recordEmfLine('not json {')).toBe(0);
    expect(metrics.recordEmfLine('{ broken')).toBe(0);
    const foreign = emf(at(1), 5);
    foreign._aws.CloudWatchMetrics[0].Namespace = 'SomeoneElse';
    expect(metrics.recordEmf(foreign)).toBe(0);
    expect(metrics.recordEmf(emf(at(1), 'seven' as unknown as number))).toBe(0);
    expect(points(metrics.report(), 'RowsWritten', 'ingest-cloudformation')).toEqual([]);
  });

  test('minutes older than the retention are forgotten, and the report covers the minutes asked for', () => {
    let clock = at(0);
    const metrics = new LocalMetrics({ retentionMinutes: 3, now: () => clock });
    metrics.recordEmf(emf(at(0), 1));
    clock = at(60);
    metrics.recordEmf(emf(at(60), 2));
    clock = at(180);
    metrics.recordEmf(emf(at(180), 3));
    const report = metrics.report(3);
    expect(report.from).toBe(new Date(at(60)).toISOString());
    expect(report.to).toBe(new Date(at(240)).toISOString());
    expect(points(report, 'RowsWritten', 'ingest-cloudformation').map((point) => point.value)).toEqual([
      2, 3,
    ]);
    expect(points(metrics.report(1), 'RowsWritten', 'ingest-cloudformation')).toEqual([
      { time: new Date(at(180)).toISOString(), value: 3 },
    ]);
  });
});

describe('GET /metrics, local only', () => {
  const metrics = new LocalMetrics({ now: () => at(30) });
  const passedOn: string[] = [];
  const handler = withLocalMetricsRoute(async (event) => {
    passedOn.push(event.rawPath);
    return { statusCode: 200, body: '{}' };
  }, metrics);
  const call = async (path: string, rawQueryString = '', method = 'GET') => {
    const event = apiGatewayEvent(path, { rawQueryString });
    event.requestContext.http.method = method;
    const result = (await handler(event)) as APIGatewayProxyStructuredResultV2;
    return { status: result.statusCode, body: JSON.parse(String(result.body)) };
  };

  test('answers the report, and passes every other path to the query API', async () => {
    const reply = await call('/metrics', 'minutes=5');
    expect(reply.status).toBe(200);
    expect(reply.body.periodSeconds).toBe(60);
    expect(reply.body.graphs).toHaveLength(METRIC_LIST.length);
    expect(passedOn).toEqual([]);
    await call('/resources');
    await call('/metrics/x');
    expect(passedOn).toEqual(['/resources', '/metrics/x']);
  });

  test.each([
    ['minutes=0', 'invalid_parameter', 'minutes'],
    ['minutes=1.5', 'invalid_parameter', 'minutes'],
    ['minutes=100000', 'invalid_parameter', 'minutes'],
    ['minutes=5&minutes=6', 'invalid_parameter', 'minutes'],
    ['limit=5', 'unknown_parameter', 'limit'],
  ])('?%s is a 400 naming the parameter', async (query, code, parameter) => {
    const reply = await call('/metrics', query);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code, parameter });
  });

  test('another method is a 405', async () => {
    expect((await call('/metrics', '', 'POST')).status).toBe(405);
  });
});
