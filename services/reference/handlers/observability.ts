import { LogFormatter, LogItem, Logger } from "@aws-lambda-powertools/logger";
import type { LogAttributes, UnformattedAttributes } from "@aws-lambda-powertools/logger/types";
import { Tracer } from "@aws-lambda-powertools/tracer";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";
import { randomUUID } from "crypto";
import { LOG_FIELDS, LOG_LEVELS, LogLevel } from "../../../schema/fields";
import { OBSERVED_RUNTIME_VARIABLES, PROPAGATION_HEADERS, REFERENCE_VARIABLES } from "../contract";
import { headerValue, incomingTraceContext, newSpanId, outgoingTraceHeaders } from "./trace-context";

/**
 * Logging and tracing shared by the reference handlers: a Powertools Logger whose every line is
 * a log entry of schema/log-entry.schema.json, a Powertools Tracer, a wrapper that gives each
 * request one trace id and one correlation id, and an outgoing HTTP call that carries both.
 */

/** Correlation id of lines written outside any request (module initialisation). */
export const NO_REQUEST_CORRELATION_ID = "none";

/** Incoming correlation ids are echoed into logs and headers, so only plain tokens are trusted. */
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keys the formatter writes at the top level of a line; anything else goes under `context`. */
const PASSED_THROUGH = [
    LOG_FIELDS.correlationId,
    LOG_FIELDS.traceId,
    LOG_FIELDS.spanId,
    LOG_FIELDS.userId,
    LOG_FIELDS.tags,
    "http",
    "performance",
] as const;

function schemaLevel(powertoolsLevel: string): LogLevel {
    const upper = powertoolsLevel.toUpperCase();
    if (upper === "CRITICAL") {
        return "FATAL";
    }
    if (upper === "TRACE") {
        return "DEBUG";
    }
    return (LOG_LEVELS as readonly string[]).includes(upper) ? (upper as LogLevel) : "INFO";
}

interface FormattedError {
    type: string;
    message: string;
    stack?: string;
}

function schemaErrors(error: unknown): FormattedError[] | undefined {
    if (typeof error !== "object" || error === null) {
        return undefined;
    }
    const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
    return [
        {
            type: typeof name === "string" ? name : "Error",
            message: typeof message === "string" ? message : String(message),
            // Powertools splits the stack into lines in dev mode; the schema wants one string.
            ...(Array.isArray(stack) ? { stack: stack.join("\n") } : typeof stack === "string" ? { stack } : {}),
        },
    ];
}

/**
 * Writes exactly the field names of the log schema: Powertools' own keys are renamed (`level`,
 * `request_id`), the schema's optional objects pass through, and every other attribute a caller
 * adds lands under `context` so that a line never carries a key the schema does not know.
 */
export class SchemaLogFormatter extends LogFormatter {
    constructor(private readonly version: string) {
        super();
    }

    public formatAttributes(attributes: UnformattedAttributes, additionalLogAttributes: LogAttributes): LogItem {
        const extra: LogAttributes = { ...additionalLogAttributes };
        const passed: LogAttributes = {};
        for (const key of PASSED_THROUGH) {
            if (extra[key] !== undefined) {
                passed[key] = extra[key];
            }
            delete extra[key];
        }
        const errors = schemaErrors(extra.error);
        delete extra.error;
        const givenContext = typeof extra.context === "object" && extra.context !== null ? (extra.context as LogAttributes) : {};
        delete extra.context;
        const context = { ...givenContext, ...extra };
        const lambda = attributes.lambdaContext;
        const correlationId = typeof passed[LOG_FIELDS.correlationId] === "string" ? passed[LOG_FIELDS.correlationId] : NO_REQUEST_CORRELATION_ID;

        return new LogItem({
            attributes: {
                [LOG_FIELDS.timestamp]: attributes.timestamp.toISOString(),
                [LOG_FIELDS.level]: schemaLevel(attributes.logLevel),
                [LOG_FIELDS.service]: attributes.serviceName,
                [LOG_FIELDS.version]: this.version,
                [LOG_FIELDS.environment]: attributes.environment,
                [LOG_FIELDS.message]: attributes.message,
                ...passed,
                [LOG_FIELDS.correlationId]: correlationId,
                [LOG_FIELDS.requestId]: lambda?.awsRequestId,
                [LOG_FIELDS.errors]: errors,
                [LOG_FIELDS.context]: Object.keys(context).length > 0 ? context : undefined,
                [LOG_FIELDS.xrayTraceId]: attributes.xRayTraceId,
                [LOG_FIELDS.coldStart]: lambda?.coldStart,
                [LOG_FIELDS.functionName]: lambda?.functionName,
            },
        });
    }
}

export interface Observability {
    logger: Logger;
    tracer: Tracer;
}

function requiredVariable(name: string): string {
    const value = process.env[name];
    if (value === undefined || value === "") {
        throw new Error(`environment variable ${name} is not set; the ReferenceService component sets it on every function`);
    }
    return value;
}

/** Logger and tracer of one function, configured from the variables the component sets. */
export function createObservability(): Observability {
    const serviceName = requiredVariable(OBSERVED_RUNTIME_VARIABLES.serviceName);
    const logger = new Logger({
        serviceName,
        environment: requiredVariable(OBSERVED_RUNTIME_VARIABLES.environment),
        logFormatter: new SchemaLogFormatter(requiredVariable(REFERENCE_VARIABLES.serviceVersion)),
    });
    // Outgoing calls are captured by `callDownstream`, whose subsegment id is the one the
    // propagation headers name; Powertools' automatic capture would add a second subsegment
    // that the callee never hears about.
    const tracer = new Tracer({ serviceName, captureHTTPsRequests: false });
    return { logger, tracer };
}

/** What a handler knows about the request it serves. */
export interface RequestScope {
    readonly traceId: string;
    readonly sampled: boolean;
    readonly correlationId: string;
    readonly observability: Observability;
}

export type ApiHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function resolveCorrelationId(event: APIGatewayProxyEvent, logger: Logger): string {
    const incoming = headerValue(event.headers, PROPAGATION_HEADERS.correlationId);
    if (incoming !== undefined && CORRELATION_ID.test(incoming)) {
        return incoming;
    }
    const generated = randomUUID();
    if (incoming !== undefined) {
        logger.warn("ignored a malformed correlation id; generated a new one", {
            [LOG_FIELDS.correlationId]: generated,
            context: { received_length: incoming.length },
        });
    }
    return generated;
}

/**
 * Wraps an API Gateway proxy handler: continues the caller's trace and correlation id, records
 * the invocation as a `## <name>` subsegment (cold start and correlation id annotated, errors as
 * faults), logs one line per request with its HTTP outcome and duration, and echoes the
 * correlation id in the response. Errors are logged and rethrown so that Lambda and API Gateway
 * count them as faults too.
 */
export function observedApiHandler(
    name: string,
    observability: Observability,
    handle: (event: APIGatewayProxyEvent, scope: RequestScope) => Promise<APIGatewayProxyResult>,
): ApiHandler {
    const { logger, tracer } = observability;
    return async (event, context) => {
        logger.addContext(context);
        const trace = incomingTraceContext(event.headers, process.env._X_AMZN_TRACE_ID);
        logger.appendKeys({ [LOG_FIELDS.traceId]: trace.traceId });
        const correlationId = resolveCorrelationId(event, logger);
        logger.appendKeys({ [LOG_FIELDS.correlationId]: correlationId });

        const segment = tracer.getSegment();
        const subsegment = tracer.isTracingEnabled() && segment !== undefined ? segment.addNewSubsegment(`## ${name}`) : undefined;
        if (subsegment !== undefined) {
            tracer.setSegment(subsegment);
            tracer.annotateColdStart();
            tracer.addServiceNameAnnotation();
            tracer.putAnnotation("correlation_id", correlationId);
        }
        const started = performance.now();
        const http = { method: event.httpMethod, path: event.path };
        try {
            const result = await handle(event, { traceId: trace.traceId, sampled: trace.sampled, correlationId, observability });
            const duration = performance.now() - started;
            logger.info("request completed", {
                http: { ...http, status_code: result.statusCode, duration_ms: duration },
                performance: { duration_ms: duration },
            });
            return { ...result, headers: { ...result.headers, [PROPAGATION_HEADERS.correlationId]: correlationId } };
        } catch (error) {
            const duration = performance.now() - started;
            tracer.addErrorAsMetadata(error as Error);
            logger.error("request failed", {
                error,
                http: { ...http, status_code: 500, duration_ms: duration },
                performance: { duration_ms: duration },
            });
            throw error;
        } finally {
            if (subsegment !== undefined && segment !== undefined) {
                subsegment.close();
                tracer.setSegment(segment);
            }
            logger.resetKeys();
        }
    };
}

export interface DownstreamResponse {
    status: number;
    body: string;
}

/**
 * An HTTP call to another service, recorded as a remote subsegment named after the host, whose
 * id travels as the parent in `X-Amzn-Trace-Id` and as the span id in `traceparent`, together
 * with the correlation id. A 5xx answer marks the subsegment as a fault, a 4xx as an error.
 */
export async function callDownstream(
    scope: RequestScope,
    url: URL,
    headers: Record<string, string> = {},
): Promise<DownstreamResponse> {
    const { logger, tracer } = scope.observability;
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const subsegment = parent?.addNewSubsegment(url.hostname);
    subsegment?.addAttribute("namespace", "remote");
    subsegment?.addAttribute("http", { request: { method: "GET", url: `${url.origin}${url.pathname}` } });
    const spanId = subsegment?.id ?? newSpanId();
    const started = performance.now();
    try {
        const response = await fetch(url, {
            method: "GET",
            headers: { ...headers, ...outgoingTraceHeaders(scope.traceId, spanId, scope.sampled, scope.correlationId) },
        });
        const body = await response.text();
        const duration = performance.now() - started;
        subsegment?.addAttribute("http", {
            request: { method: "GET", url: `${url.origin}${url.pathname}` },
            response: { status: response.status, content_length: Buffer.byteLength(body) },
        });
        if (response.status === 429) {
            subsegment?.addThrottleFlag();
        }
        if (response.status >= 500) {
            subsegment?.addFaultFlag();
        } else if (response.status >= 400) {
            subsegment?.addErrorFlag();
        }
        const fields = {
            [LOG_FIELDS.spanId]: spanId,
            http: { method: "GET", path: url.pathname, status_code: response.status, duration_ms: duration },
            performance: { external_api_time_ms: duration },
        };
        if (response.status >= 500) {
            logger.error("downstream call failed", fields);
        } else {
            logger.info("downstream call completed", fields);
        }
        return { status: response.status, body };
    } catch (error) {
        subsegment?.addError(error as Error, true);
        logger.error("downstream call failed to connect", { error, [LOG_FIELDS.spanId]: spanId, http: { method: "GET", path: url.pathname } });
        throw error;
    } finally {
        subsegment?.close();
    }
}
