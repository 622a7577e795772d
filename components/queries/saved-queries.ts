import { ERROR_LEVELS, LOG_FIELDS as F } from "../../schema/fields";

/**
 * The saved Logs Insights queries of every environment, as data. Field names come from
 * schema/fields.ts; `@timestamp` and `@message` are the fields CloudWatch adds itself.
 * Queries about one trace, correlation or user carry a literal to replace before running:
 * saved queries have no parameters, and that is how CloudWatch users expect them.
 */
export interface SavedQuery {
    /** Lower-case words joined by hyphens; the definition is `<query folder>/<name>`. */
    name: string;
    description: string;
    query: string;
}

const levelIsError = `${F.level} in [${ERROR_LEVELS.map((level) => `"${level}"`).join(", ")}]`;
/** 1 for an entry at an error level, else 0: `strcontains` yields numbers that `sum` can add. */
const errorIndicator = ERROR_LEVELS.map((level) => `strcontains(${F.level}, "${level}")`).join(" + ");

const lines = (...parts: string[]): string => parts.join("\n| ");

export const SAVED_QUERIES: readonly SavedQuery[] = [
    {
        name: "error-rate-by-service",
        description: "Share of log entries at ERROR or FATAL per service.",
        query: lines(
            `fields ${errorIndicator} as is_error`,
            `stats sum(is_error) as errors, count(*) as entries, sum(is_error) * 100 / count(*) as error_rate_percent by ${F.service}`,
            "sort error_rate_percent desc",
        ),
    },
    {
        name: "slowest-endpoints",
        description: "Endpoints by p95 request duration.",
        query: lines(
            `filter ispresent(${F.durationMs}) and ispresent(${F.httpPath})`,
            `stats count(*) as requests, avg(${F.durationMs}) as avg_ms, pct(${F.durationMs}, 95) as p95_ms, max(${F.durationMs}) as max_ms by ${F.service}, ${F.httpMethod}, ${F.httpPath}`,
            "sort p95_ms desc",
            "limit 25",
        ),
    },
    {
        name: "failed-authentication",
        description: "Requests rejected with 401 or 403, by client address and endpoint.",
        query: lines(
            `filter ${F.httpStatusCode} in [401, 403]`,
            `stats count(*) as failures, count_distinct(${F.userId}) as users by ${F.clientIp}, ${F.service}, ${F.httpPath}`,
            "sort failures desc",
            "limit 50",
        ),
    },
    {
        name: "database-performance",
        description: "Database time per request: average, p95, maximum and share of the request.",
        query: lines(
            `filter ispresent(${F.dbTimeMs})`,
            `stats count(*) as requests, avg(${F.dbTimeMs}) as avg_db_ms, pct(${F.dbTimeMs}, 95) as p95_db_ms, max(${F.dbTimeMs}) as max_db_ms, sum(${F.dbTimeMs}) * 100 / sum(${F.durationMs}) as db_share_percent by ${F.service}, ${F.httpPath}`,
            "sort p95_db_ms desc",
        ),
    },
    {
        name: "lambda-cold-starts",
        description: "Cold starts per function and hour, with the duration of the cold invocations.",
        query: lines(
            `filter ${F.coldStart} = 1`,
            `stats count(*) as cold_starts, avg(${F.durationMs}) as avg_cold_ms, max(${F.durationMs}) as max_cold_ms by ${F.service}, ${F.functionName}, bin(1h)`,
            "sort cold_starts desc",
        ),
    },
    {
        name: "latency-distribution",
        description: "Request duration percentiles (p50, p95, p99) per service.",
        query: lines(
            `filter ispresent(${F.durationMs})`,
            `stats pct(${F.durationMs}, 50) as p50_ms, pct(${F.durationMs}, 95) as p95_ms, pct(${F.durationMs}, 99) as p99_ms, count(*) as requests by ${F.service}`,
            "sort p99_ms desc",
        ),
    },
    {
        name: "latency-over-time",
        description: "p50, p95 and p99 request duration in five-minute bins (chart it as a line).",
        query: lines(
            `filter ispresent(${F.durationMs})`,
            `stats pct(${F.durationMs}, 50) as p50_ms, pct(${F.durationMs}, 95) as p95_ms, pct(${F.durationMs}, 99) as p99_ms by bin(5m)`,
        ),
    },
    {
        name: "top-api-consumers",
        description: "Users and client addresses with the most requests.",
        query: lines(
            `filter ispresent(${F.httpPath})`,
            `stats count(*) as requests, count_distinct(${F.httpPath}) as endpoints by ${F.userId}, ${F.clientIp}`,
            "sort requests desc",
            "limit 25",
        ),
    },
    {
        name: "security-events",
        description: "Client addresses producing rejected, forbidden or throttled requests in five-minute bins.",
        query: lines(
            `filter ${F.httpStatusCode} in [400, 401, 403, 405, 429]`,
            `stats count(*) as events, count_distinct(${F.httpPath}) as endpoints, count_distinct(${F.userId}) as users by ${F.clientIp}, ${F.httpStatusCode}, bin(5m)`,
            "sort events desc",
            "limit 50",
        ),
    },
    {
        name: "log-volume-by-service",
        description: "Entries and ingested bytes per service and level: where the CloudWatch Logs bill comes from.",
        query: lines(
            `stats count(*) as entries, sum(strlen(@message)) as bytes, sum(strlen(@message)) / 1048576 as mebibytes by ${F.service}, ${F.level}`,
            "sort bytes desc",
        ),
    },
    {
        name: "user-activity-timeline",
        description: "Everything one user did, in order. Replace REPLACE_WITH_USER_ID before running.",
        query: lines(
            `filter ${F.userId} = "REPLACE_WITH_USER_ID"`,
            `fields @timestamp, ${F.service}, ${F.level}, ${F.httpMethod}, ${F.httpPath}, ${F.httpStatusCode}, ${F.message}, ${F.traceId}`,
            "sort @timestamp asc",
            "limit 1000",
        ),
    },
    {
        name: "trace-events",
        description: "All entries of one trace across services. Replace REPLACE_WITH_TRACE_ID before running.",
        query: lines(
            `filter ${F.traceId} = "REPLACE_WITH_TRACE_ID" or ${F.xrayTraceId} = "REPLACE_WITH_TRACE_ID"`,
            `fields @timestamp, ${F.service}, ${F.level}, ${F.spanId}, ${F.correlationId}, ${F.message}, ${F.durationMs}`,
            "sort @timestamp asc",
            "limit 1000",
        ),
    },
    {
        name: "correlation-events",
        description: "All entries of one business transaction. Replace REPLACE_WITH_CORRELATION_ID before running.",
        query: lines(
            `filter ${F.correlationId} = "REPLACE_WITH_CORRELATION_ID"`,
            `fields @timestamp, ${F.service}, ${F.level}, ${F.traceId}, ${F.requestId}, ${F.message}`,
            "sort @timestamp asc",
            "limit 1000",
        ),
    },
    {
        name: "errors-by-type",
        description: "Error entries grouped by error type, with the latest message of each.",
        query: lines(
            `filter ${levelIsError}`,
            `stats count(*) as occurrences, latest(${F.errorMessage}) as last_message by ${F.service}, ${F.errorType}`,
            "sort occurrences desc",
        ),
    },
    {
        name: "server-errors-by-route",
        description: "5xx responses per route and status code.",
        query: lines(
            `filter ${F.httpStatusCode} >= 500`,
            `stats count(*) as responses by ${F.service}, ${F.httpMethod}, ${F.httpPath}, ${F.httpStatusCode}`,
            "sort responses desc",
        ),
    },
    {
        name: "timeouts",
        description: "Requests that timed out: 408/504 responses and errors whose type or message says timeout.",
        query: lines(
            `filter ${F.httpStatusCode} in [408, 504] or ${F.errorType} like /(?i)timeout/ or ${F.message} like /(?i)timed? ?out/`,
            `fields @timestamp, ${F.service}, ${F.httpPath}, ${F.durationMs}, ${F.errorType}, ${F.message}, ${F.traceId}`,
            "sort @timestamp desc",
            "limit 100",
        ),
    },
    {
        name: "throttled-requests",
        description: "Throttling seen or caused by the services (429 responses, throttling errors) per five minutes.",
        query: lines(
            `filter ${F.httpStatusCode} = 429 or ${F.errorType} like /(?i)throttl/ or ${F.message} like /(?i)(throttl|rate exceeded)/`,
            `stats count(*) as throttled by ${F.service}, ${F.httpPath}, bin(5m)`,
            "sort throttled desc",
        ),
    },
    {
        name: "slow-database-queries",
        description: "Requests that spent more than 2 seconds in the database.",
        query: lines(
            `filter ${F.dbTimeMs} > 2000`,
            `fields @timestamp, ${F.service}, ${F.httpPath}, ${F.dbTimeMs}, ${F.durationMs}, ${F.traceId}, ${F.message}`,
            `sort ${F.dbTimeMs} desc`,
            "limit 100",
        ),
    },
    {
        name: "recent-errors",
        description: "The last 100 error entries with their trace and correlation ids (the on-call starting point).",
        query: lines(
            `filter ${levelIsError}`,
            `fields @timestamp, ${F.service}, ${F.level}, ${F.errorType}, ${F.message}, ${F.traceId}, ${F.correlationId}`,
            "sort @timestamp desc",
            "limit 100",
        ),
    },
    {
        name: "error-trend",
        description: "Error entries per service in five-minute bins (chart it to see when a problem started).",
        query: lines(`filter ${levelIsError}`, `stats count(*) as errors by ${F.service}, bin(5m)`),
    },
    {
        name: "external-api-latency",
        description: "Time spent waiting for external APIs per service and route.",
        query: lines(
            `filter ispresent(${F.externalApiTimeMs})`,
            `stats avg(${F.externalApiTimeMs}) as avg_ms, pct(${F.externalApiTimeMs}, 95) as p95_ms, max(${F.externalApiTimeMs}) as max_ms, count(*) as calls by ${F.service}, ${F.httpPath}`,
            "sort p95_ms desc",
        ),
    },
    {
        name: "status-codes-by-service",
        description: "Responses per service and status class (2xx, 4xx, 5xx).",
        query: lines(
            `filter ispresent(${F.httpStatusCode})`,
            `fields floor(${F.httpStatusCode} / 100) as status_class`,
            `stats count(*) as responses by ${F.service}, status_class`,
            "sort responses desc",
        ),
    },
    {
        name: "versions-in-service",
        description: "Which version of each service logged, first and last seen: checks a deployment rolled out.",
        query: lines(
            `stats count(*) as entries, earliest(@timestamp) as first_seen, latest(@timestamp) as last_seen by ${F.service}, ${F.environment}, ${F.version}`,
            "sort last_seen desc",
        ),
    },
    {
        name: "slow-requests",
        description: "Individual requests over one second with their trace ids, slowest first.",
        query: lines(
            `filter ${F.durationMs} > 1000`,
            `fields @timestamp, ${F.service}, ${F.httpMethod}, ${F.httpPath}, ${F.durationMs}, ${F.dbTimeMs}, ${F.externalApiTimeMs}, ${F.traceId}`,
            `sort ${F.durationMs} desc`,
            "limit 100",
        ),
    },
];
