import { ServiceAlarmContext, configuredEvaluation } from "./context";
import { MetricAlarmDefinition } from "./definition";
import { errorRateExpression, errorSeries, latencySeries, requestSeries } from "./service-metrics";
import { SIGNALS } from "./strategy";

/** Server errors as a share of requests, so a busy service is not punished for being busy. */
export function errorRateAlarm(context: ServiceAlarmContext): MetricAlarmDefinition {
    const { service, alarms } = context;
    const errors = errorSeries(service);
    const requests = requestSeries(service);
    return {
        signal: SIGNALS.errorRate,
        routing: "critical",
        summary: `More than ${alarms.errorRatePercent}% of requests to ${service.name} fail with a server error.`,
        comparisonOperator: "GreaterThanThreshold",
        threshold: alarms.errorRatePercent,
        treatMissingData: "notBreaching",
        evaluation: configuredEvaluation(alarms),
        source: {
            kind: "math",
            queries: [
                ...errors.queries,
                ...requests.queries,
                {
                    id: "error_rate",
                    expression: errorRateExpression(errors.id, requests.id),
                    label: "error rate (%)",
                    returnData: true,
                },
            ],
        },
    };
}

/**
 * p95 latency at the service's entry point. A single metric alarm where there is one entry
 * point; the worst function (`MAX`) where a Lambda service has several, since percentiles of
 * different functions cannot be combined any other way.
 */
export function latencyAlarm(context: ServiceAlarmContext): MetricAlarmDefinition {
    const { service, alarms } = context;
    const latency = latencySeries(service, "p95");
    const [only] = latency.queries;
    const common = {
        signal: SIGNALS.latencyP95,
        routing: "warning" as const,
        summary: `p95 latency of ${service.name} is above ${alarms.latencyP95Ms} ms.`,
        comparisonOperator: "GreaterThanThreshold" as const,
        threshold: alarms.latencyP95Ms,
        treatMissingData: "notBreaching" as const,
        evaluation: configuredEvaluation(alarms),
    };
    if (latency.queries.length === 1 && only.metric !== undefined) {
        return { ...common, source: { kind: "metric", metric: only.metric } };
    }
    const queries = latency.queries.map((query) => (query.id === latency.id ? { ...query, returnData: true } : query));
    return { ...common, source: { kind: "math", queries } };
}
