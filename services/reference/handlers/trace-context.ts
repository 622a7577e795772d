import { randomBytes } from "crypto";
import { PROPAGATION_HEADERS } from "../contract";

/**
 * Trace context as it crosses a service boundary. X-Ray and W3C Trace Context name the same
 * things differently: the X-Ray root `1-5759e988-bd862e3fe1be46a994272793` is the W3C trace id
 * `5759e988bd862e3fe1be46a994272793` (8 hex digits of epoch seconds, then 24 random ones), and
 * an X-Ray segment or subsegment id is a W3C span id (16 hex digits).
 */
export interface TraceContext {
    /** X-Ray trace id, `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`. */
    traceId: string;
    /** Id of the caller's segment or subsegment (16 hex digits), when the caller sent one. */
    parentId?: string;
    sampled: boolean;
    /** Which header the context came from. */
    source: "x-amzn-trace-id" | "traceparent" | "lambda" | "new";
}

const XRAY_TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** `Root=…;Parent=…;Sampled=1` → its parts; undefined when the Root is missing or malformed. */
export function parseXRayHeader(value: string): Omit<TraceContext, "source"> | undefined {
    const parts = new Map<string, string>();
    for (const pair of value.split(";")) {
        const separator = pair.indexOf("=");
        if (separator > 0) {
            parts.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
        }
    }
    const root = parts.get("Root");
    if (root === undefined || !XRAY_TRACE_ID.test(root)) {
        return undefined;
    }
    const parent = parts.get("Parent");
    return {
        traceId: root,
        ...(parent !== undefined && SPAN_ID.test(parent) ? { parentId: parent } : {}),
        // X-Ray treats a missing decision as "sample"; only an explicit 0 turns it off.
        sampled: parts.get("Sampled") !== "0",
    };
}

/** W3C `traceparent` (version 00) → X-Ray form; undefined when malformed or all-zero. */
export function parseTraceparent(value: string): Omit<TraceContext, "source"> | undefined {
    const match = TRACEPARENT.exec(value.trim());
    if (match === null || match[1] === "ff" || /^0+$/.test(match[2]) || /^0+$/.test(match[3])) {
        return undefined;
    }
    return { traceId: w3cToXRayTraceId(match[2]), parentId: match[3], sampled: (parseInt(match[4], 16) & 1) === 1 };
}

export function xrayToW3cTraceId(traceId: string): string {
    if (!XRAY_TRACE_ID.test(traceId)) {
        throw new Error(`trace id is "${traceId}"; an X-Ray trace id 1-<8 hex>-<24 hex> is required`);
    }
    return traceId.slice(2, 10) + traceId.slice(11);
}

export function w3cToXRayTraceId(traceId: string): string {
    if (!/^[0-9a-f]{32}$/.test(traceId)) {
        throw new Error(`trace id is "${traceId}"; a W3C trace id of 32 lower-case hex digits is required`);
    }
    return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

/** A new X-Ray trace id, as X-Ray itself makes them: epoch seconds then 96 random bits. */
export function newXRayTraceId(now: Date = new Date()): string {
    const epoch = Math.floor(now.getTime() / 1000).toString(16).padStart(8, "0");
    return `1-${epoch}-${randomBytes(12).toString("hex")}`;
}

export function newSpanId(): string {
    return randomBytes(8).toString("hex");
}

/** Header lookup that ignores case, as HTTP does (API Gateway keeps the caller's spelling). */
export function headerValue(headers: Record<string, string | undefined> | null | undefined, name: string): string | undefined {
    if (!headers) {
        return undefined;
    }
    const wanted = name.toLowerCase();
    for (const [key, value] of Object.entries(headers)) {
        if (key.toLowerCase() === wanted && value !== undefined && value !== "") {
            return value;
        }
    }
    return undefined;
}

/**
 * The trace a request continues: the caller's `X-Amzn-Trace-Id`, else its W3C `traceparent`
 * (callers instrumented with OpenTelemetry rather than X-Ray), else the trace Lambda started
 * (`_X_AMZN_TRACE_ID`), else a new one. Behind an API Gateway stage with tracing on, the first
 * and the third are the same trace: the stage forwards the header it passed to Lambda.
 */
export function incomingTraceContext(
    headers: Record<string, string | undefined> | null | undefined,
    lambdaTraceHeader: string | undefined,
): TraceContext {
    const xray = headerValue(headers, PROPAGATION_HEADERS.xray);
    const fromXRay = xray === undefined ? undefined : parseXRayHeader(xray);
    if (fromXRay !== undefined) {
        return { ...fromXRay, source: "x-amzn-trace-id" };
    }
    const traceparent = headerValue(headers, PROPAGATION_HEADERS.w3c);
    const fromW3c = traceparent === undefined ? undefined : parseTraceparent(traceparent);
    if (fromW3c !== undefined) {
        return { ...fromW3c, source: "traceparent" };
    }
    const fromLambda = lambdaTraceHeader === undefined ? undefined : parseXRayHeader(lambdaTraceHeader);
    if (fromLambda !== undefined) {
        return { ...fromLambda, source: "lambda" };
    }
    return { traceId: newXRayTraceId(), sampled: true, source: "new" };
}

/** Headers of an outgoing call made inside the span `spanId` (the caller's subsegment). */
export function outgoingTraceHeaders(traceId: string, spanId: string, sampled: boolean, correlationId: string): Record<string, string> {
    if (!SPAN_ID.test(spanId)) {
        throw new Error(`span id is "${spanId}"; 16 lower-case hex digits are required`);
    }
    return {
        [PROPAGATION_HEADERS.xray]: `Root=${traceId};Parent=${spanId};Sampled=${sampled ? "1" : "0"}`,
        [PROPAGATION_HEADERS.w3c]: `00-${xrayToW3cTraceId(traceId)}-${spanId}-${sampled ? "01" : "00"}`,
        [PROPAGATION_HEADERS.correlationId]: correlationId,
    };
}
