import { LOG_METRIC_NAMES } from "../naming";
import { ServiceAlarmContext, configuredEvaluation } from "./context";
import { MetricAlarmDefinition } from "./definition";
import { MetricSpec } from "./metrics";
import { SIGNALS } from "./strategy";

/**
 * Error-level log lines counted by the service log group's metric filter. The filter publishes
 * without dimensions into the service's own namespace, so the namespace alone identifies it.
 */
export function logErrorCount(namespace: string): MetricSpec {
    return { namespace, metricName: LOG_METRIC_NAMES.errors, dimensions: {}, stat: "Sum" };
}

/**
 * Error-level log lines above `threshold` per period: catches failures the platform metrics do
 * not see (handled exceptions, failed downstream calls that still return 200).
 */
export function logErrorAlarm(context: ServiceAlarmContext, threshold: number): MetricAlarmDefinition {
    const { service, alarms } = context;
    return {
        signal: SIGNALS.logErrors,
        routing: "warning",
        summary: `${service.name} wrote more than ${threshold} ERROR or FATAL log lines in a ${alarms.periodSeconds}-s period.`,
        comparisonOperator: "GreaterThanThreshold",
        threshold,
        treatMissingData: "notBreaching",
        evaluation: configuredEvaluation(alarms),
        source: { kind: "metric", metric: logErrorCount(context.logMetricNamespace) },
    };
}
