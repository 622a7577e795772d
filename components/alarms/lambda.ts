import { ServiceAlarmContext, configuredEvaluation } from "./context";
import { MetricAlarmDefinition } from "./definition";
import { MetricSpec } from "./metrics";
import { SIGNALS, perResourceSignal } from "./strategy";

/** Metrics of Lambda functions (namespace `AWS/Lambda`). */
export const LAMBDA_NAMESPACE = "AWS/Lambda";

function functionMetric(functionName: string, metricName: string, stat: string): MetricSpec {
    return { namespace: LAMBDA_NAMESPACE, metricName, dimensions: { FunctionName: functionName }, stat };
}

export function lambdaInvocations(functionName: string): MetricSpec {
    return functionMetric(functionName, "Invocations", "Sum");
}

export function lambdaErrors(functionName: string): MetricSpec {
    return functionMetric(functionName, "Errors", "Sum");
}

export function lambdaDuration(functionName: string, stat: string): MetricSpec {
    return functionMetric(functionName, "Duration", stat);
}

export function lambdaThrottles(functionName: string): MetricSpec {
    return functionMetric(functionName, "Throttles", "Sum");
}

/** Concurrent executions across the whole account and region (the metric without dimensions). */
export function accountConcurrentExecutions(): MetricSpec {
    return { namespace: LAMBDA_NAMESPACE, metricName: "ConcurrentExecutions", dimensions: {}, stat: "Maximum" };
}

/** One alarm per function: any throttled invocation means lost or delayed work. */
export function lambdaThrottleAlarms(context: ServiceAlarmContext): MetricAlarmDefinition[] {
    const { service, alarms } = context;
    return service.functionNames.map((functionName) => ({
        signal: perResourceSignal(SIGNALS.lambdaThrottles, functionName, service.functionNames),
        routing: "warning",
        summary: `Lambda throttled invocations of ${functionName} (${service.name}): it hit its reserved or the account's concurrency.`,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        evaluation: configuredEvaluation(alarms),
        source: { kind: "metric", metric: lambdaThrottles(functionName) },
    }));
}
