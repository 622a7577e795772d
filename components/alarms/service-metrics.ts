import { ServiceConfig } from "../../config/types";
import { apiLatency, apiRequests, apiServerErrors } from "./apigateway";
import { lambdaDuration, lambdaErrors, lambdaInvocations } from "./lambda";
import { MetricSeries, MetricSpec, maximumSeries, summedSeries } from "./metrics";

/**
 * The golden signals of a service whatever it runs on: an `api` service is measured at its
 * API Gateway stage (what clients see), a `lambda` service across its functions.
 */

export function requestMetrics(service: ServiceConfig): MetricSpec[] {
    return service.kind === "api" ? [apiRequests(service)] : service.functionNames.map(lambdaInvocations);
}

export function errorMetrics(service: ServiceConfig): MetricSpec[] {
    return service.kind === "api" ? [apiServerErrors(service)] : service.functionNames.map(lambdaErrors);
}

export function latencyMetrics(service: ServiceConfig, stat: string): MetricSpec[] {
    return service.kind === "api"
        ? [apiLatency(service, stat)]
        : service.functionNames.map((functionName) => lambdaDuration(functionName, stat));
}

export function requestSeries(service: ServiceConfig, id = "requests"): MetricSeries {
    return summedSeries(id, requestMetrics(service), "requests");
}

export function errorSeries(service: ServiceConfig, id = "errors"): MetricSeries {
    return summedSeries(id, errorMetrics(service), "errors");
}

/** Worst latency across the service's entry points for a percentile. */
export function latencySeries(service: ServiceConfig, stat: string, id = "latency"): MetricSeries {
    return maximumSeries(id, latencyMetrics(service, stat), `${stat} latency (ms)`);
}

/** Error rate in percent; zero when there was no traffic, so idle periods never look like outages. */
export function errorRateExpression(errorsId: string, requestsId: string): string {
    return `IF(${requestsId} > 0, 100 * FILL(${errorsId}, 0) / ${requestsId}, 0)`;
}
