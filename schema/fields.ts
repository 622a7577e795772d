/**
 * Field paths of the structured log schema (log-entry.schema.json), as metric filters
 * (`$.performance.duration_ms`) and Logs Insights (`performance.duration_ms`) address them.
 * Everything that reads logs uses these constants; a test checks each against the schema.
 */
export const LOG_FIELDS = {
    timestamp: "timestamp",
    level: "level",
    service: "service",
    version: "version",
    environment: "environment",
    message: "message",
    correlationId: "correlation_id",
    traceId: "trace_id",
    spanId: "span_id",
    requestId: "request_id",
    userId: "user_id",
    context: "context",
    durationMs: "performance.duration_ms",
    dbTimeMs: "performance.db_time_ms",
    externalApiTimeMs: "performance.external_api_time_ms",
    httpMethod: "http.method",
    httpPath: "http.path",
    httpStatusCode: "http.status_code",
    httpDurationMs: "http.duration_ms",
    clientIp: "http.client_ip",
    tags: "tags",
    errors: "errors",
    errorType: "errors.0.type",
    errorMessage: "errors.0.message",
    xrayTraceId: "xray_trace_id",
    functionRequestId: "function_request_id",
    coldStart: "cold_start",
    functionName: "function_name",
} as const;

export type LogField = (typeof LOG_FIELDS)[keyof typeof LOG_FIELDS];

export const LOG_LEVELS = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Levels that count as errors in metric filters and queries. */
export const ERROR_LEVELS: readonly LogLevel[] = ["ERROR", "FATAL"];

/** A field as a CloudWatch Logs metric-filter selector, e.g. `$.performance.duration_ms`. */
export function metricFilterSelector(field: LogField): string {
    return `$.${field}`;
}
