/**
 * What the reference service's infrastructure and its handlers must agree on: routes, the
 * environment variables the component sets and the handlers read, and the propagation headers.
 * Kept free of Pulumi and AWS SDK imports so that the Lambda bundle can include it.
 */

/** Public route served by the front function (`GET /orders/{id}`). */
export const ORDERS_ROUTE = { method: "GET", resource: "/orders/{id}", prefix: "/orders" } as const;

/** Internal route served by the back function, callable only with IAM (SigV4) credentials. */
export const STOCK_ROUTE = { method: "GET", resource: "/internal/stock/{id}", prefix: "/internal/stock" } as const;

/** Environment variables the component sets on the functions beyond those of `ObservedFunction`. */
export const REFERENCE_VARIABLES = {
    /** Version written into every log line (`version`). */
    serviceVersion: "SERVICE_VERSION",
    /** Base URL of the stock route, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/dev/internal/stock`. */
    stockUrl: "STOCK_API_URL",
} as const;

/** Headers that carry the trace and the correlation id from one service to the next. */
export const PROPAGATION_HEADERS = {
    xray: "X-Amzn-Trace-Id",
    w3c: "traceparent",
    correlationId: "X-Correlation-ID",
} as const;

/**
 * Stock ids with this prefix make the back function fail on purpose, so that an operator can see
 * a fault travel through the trace map and the logs after a deployment (and the tests can too).
 */
export const FAULT_INJECTION_PREFIX = "fault-";

/**
 * Variables `ObservedFunction` sets on every function (its `OBSERVED_FUNCTION_VARIABLES`),
 * restated here because the handlers cannot import the Pulumi component into a Lambda bundle;
 * a test checks that both lists agree.
 */
export const OBSERVED_RUNTIME_VARIABLES = {
    serviceName: "POWERTOOLS_SERVICE_NAME",
    environment: "OBSERVABILITY_ENVIRONMENT",
} as const;
