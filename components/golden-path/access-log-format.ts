/**
 * JSON access-log formats of API Gateway stages. The field lists are exported so that the
 * policy pack's access-log check, the saved queries and the tests read the same keys the
 * stages write.
 */

/**
 * How API Gateway writes a `$context` variable into the log line:
 * - `string`: any text, so the format quotes it;
 * - `number`: always a number (never `-`), so the format leaves it unquoted and Logs Insights
 *   and metric filters can compare it numerically;
 * - `quoted`: API Gateway writes an already escaped, quoted JSON string (`$context.error.messageString`),
 *   which is the only safe way to log a message that may contain quotes.
 */
export type AccessLogValueKind = "string" | "number" | "quoted";

export interface AccessLogField {
    /** Key in the JSON log line. */
    readonly key: string;
    /** The `$context` variable API Gateway substitutes. */
    readonly variable: string;
    readonly kind: AccessLogValueKind;
}

/**
 * REST API (v1) access-log fields. `integrationLatency` stays quoted: API Gateway writes `-` when
 * the request never reached an integration (authorizer or throttling rejections), and an
 * unquoted `-` would make the whole line invalid JSON.
 */
export const REST_ACCESS_LOG_FIELDS: readonly AccessLogField[] = [
    { key: "requestId", variable: "$context.requestId", kind: "string" },
    { key: "extendedRequestId", variable: "$context.extendedRequestId", kind: "string" },
    { key: "xrayTraceId", variable: "$context.xrayTraceId", kind: "string" },
    { key: "apiId", variable: "$context.apiId", kind: "string" },
    { key: "stage", variable: "$context.stage", kind: "string" },
    { key: "httpMethod", variable: "$context.httpMethod", kind: "string" },
    { key: "resourcePath", variable: "$context.resourcePath", kind: "string" },
    { key: "path", variable: "$context.path", kind: "string" },
    { key: "protocol", variable: "$context.protocol", kind: "string" },
    { key: "status", variable: "$context.status", kind: "number" },
    { key: "responseLength", variable: "$context.responseLength", kind: "number" },
    { key: "responseLatency", variable: "$context.responseLatency", kind: "number" },
    { key: "integrationLatency", variable: "$context.integrationLatency", kind: "string" },
    { key: "integrationStatus", variable: "$context.integration.status", kind: "string" },
    { key: "sourceIp", variable: "$context.identity.sourceIp", kind: "string" },
    { key: "caller", variable: "$context.identity.caller", kind: "string" },
    { key: "userAgent", variable: "$context.identity.userAgent", kind: "string" },
    { key: "requestTime", variable: "$context.requestTime", kind: "string" },
    { key: "requestTimeEpoch", variable: "$context.requestTimeEpoch", kind: "number" },
    { key: "errorMessage", variable: "$context.error.messageString", kind: "quoted" },
    { key: "errorResponseType", variable: "$context.error.responseType", kind: "string" },
];

/**
 * HTTP API (v2) access-log fields. HTTP APIs have no X-Ray integration, so there is no trace id
 * variable to log; `requestId` is the key that joins access logs to Lambda logs.
 */
export const HTTP_ACCESS_LOG_FIELDS: readonly AccessLogField[] = [
    { key: "requestId", variable: "$context.requestId", kind: "string" },
    { key: "extendedRequestId", variable: "$context.extendedRequestId", kind: "string" },
    { key: "apiId", variable: "$context.apiId", kind: "string" },
    { key: "stage", variable: "$context.stage", kind: "string" },
    { key: "httpMethod", variable: "$context.httpMethod", kind: "string" },
    { key: "routeKey", variable: "$context.routeKey", kind: "string" },
    { key: "path", variable: "$context.path", kind: "string" },
    { key: "protocol", variable: "$context.protocol", kind: "string" },
    { key: "status", variable: "$context.status", kind: "number" },
    { key: "responseLength", variable: "$context.responseLength", kind: "number" },
    { key: "responseLatency", variable: "$context.responseLatency", kind: "number" },
    { key: "integrationLatency", variable: "$context.integrationLatency", kind: "string" },
    { key: "integrationStatus", variable: "$context.integrationStatus", kind: "string" },
    { key: "sourceIp", variable: "$context.identity.sourceIp", kind: "string" },
    { key: "userAgent", variable: "$context.identity.userAgent", kind: "string" },
    { key: "requestTime", variable: "$context.requestTime", kind: "string" },
    { key: "requestTimeEpoch", variable: "$context.requestTimeEpoch", kind: "number" },
    { key: "errorMessage", variable: "$context.error.messageString", kind: "quoted" },
];

/**
 * The single-line JSON format string for a stage's `accessLogSettings.format`. Keys must be
 * unique: a duplicate would silently drop one of the values when the line is parsed.
 */
export function accessLogFormat(fields: readonly AccessLogField[]): string {
    const seen = new Set<string>();
    const members = fields.map((field) => {
        if (seen.has(field.key)) {
            throw new Error(`access-log field key "${field.key}" appears twice; each key may appear once`);
        }
        seen.add(field.key);
        if (!/^\$context\.[A-Za-z0-9.]+$/.test(field.variable)) {
            throw new Error(
                `access-log field "${field.key}" has variable "${field.variable}"; a $context variable such as $context.requestId is required`,
            );
        }
        const value = field.kind === "string" ? `"${field.variable}"` : field.variable;
        return `${JSON.stringify(field.key)}:${value}`;
    });
    return `{${members.join(",")}}`;
}

export const REST_ACCESS_LOG_FORMAT = accessLogFormat(REST_ACCESS_LOG_FIELDS);
export const HTTP_ACCESS_LOG_FORMAT = accessLogFormat(HTTP_ACCESS_LOG_FIELDS);
