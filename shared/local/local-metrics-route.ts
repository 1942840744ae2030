// The local-only `GET /metrics` route: the local runtime's metrics as the dashboard's graphs, answered
// in front of the query API handler. It is not in the query API's route table, so the deployed API
// (and its OpenAPI document) never has it: deployed, the CloudWatch dashboard shows these graphs.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { errorReply, jsonReply } from '../query/api-reply';
import type { LocalMetrics } from './local-metrics';

export const LOCAL_METRICS_PATH = '/metrics';
const MINUTES_PARAMETER = 'minutes';
const DEFAULT_MINUTES = 60;

type HttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/**
 * @example
 * startLocalHttpApi({ handler: withLocalMetricsRoute(createQueryApiHandler({ store }), metrics) })
 */
export function withLocalMetricsRoute(handler: HttpHandler, metrics: LocalMetrics): HttpHandler {
  return async (event) => {
    if (event.rawPath !== LOCAL_METRICS_PATH) return handler(event);
    if (event.requestContext.http.method !== 'GET')
      return errorReply('method_not_allowed', `${LOCAL_METRICS_PATH} answers GET only`, undefined, {
        allow: 'GET',
      });
    const parameters = new URLSearchParams(event.rawQueryString);
    const unknown = [...parameters.keys()].find((name) => name !== MINUTES_PARAMETER);
    if (unknown !== undefined)
      return errorReply(
        'unknown_parameter',
        `${LOCAL_METRICS_PATH} accepts only "${MINUTES_PARAMETER}"`,
        unknown,
      );
    const given = parameters.getAll(MINUTES_PARAMETER);
    const minutes = given.length === 0 ? DEFAULT_MINUTES : Number(given[0]);
    if (given.length > 1 || !Number.isInteger(minutes) || minutes < 1 || minutes > metrics.retention)
      return errorReply(
        'invalid_parameter',
        `"${MINUTES_PARAMETER}" must be one whole number of minutes from 1 to ${metrics.retention}`,
        MINUTES_PARAMETER,
      );
    return jsonReply(metrics.report(minutes));
  };
}
