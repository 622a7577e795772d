import { ServiceAlarmContext, configuredEvaluation } from "./context";
import { MetricAlarmDefinition } from "./definition";
import { MetricSpec } from "./metrics";
import { SIGNALS, perResourceSignal } from "./strategy";

/** Metrics of DynamoDB tables (namespace `AWS/DynamoDB`). */
export const DYNAMODB_NAMESPACE = "AWS/DynamoDB";

export type ThrottleKind = "read" | "write";

/** Requests to a table that DynamoDB rejected for exceeding its capacity. */
export function dynamodbThrottleEvents(tableName: string, kind: ThrottleKind): MetricSpec {
    return {
        namespace: DYNAMODB_NAMESPACE,
        metricName: kind === "read" ? "ReadThrottleEvents" : "WriteThrottleEvents",
        dimensions: { TableName: tableName },
        stat: "Sum",
    };
}

/** Read and write throttling per table of the service. */
export function dynamodbThrottleAlarms(context: ServiceAlarmContext): MetricAlarmDefinition[] {
    const { service, alarms } = context;
    const tables = service.dynamodbTables;
    return tables.flatMap((tableName) =>
        (["read", "write"] as const).map((kind): MetricAlarmDefinition => ({
            signal: perResourceSignal(
                kind === "read" ? SIGNALS.dynamodbReadThrottles : SIGNALS.dynamodbWriteThrottles,
                tableName,
                tables,
            ),
            routing: "warning",
            summary: `DynamoDB throttled ${kind} requests to table ${tableName} (${service.name}): capacity is exhausted or a partition is hot.`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            treatMissingData: "notBreaching",
            evaluation: configuredEvaluation(alarms),
            source: { kind: "metric", metric: dynamodbThrottleEvents(tableName, kind) },
        })),
    );
}
