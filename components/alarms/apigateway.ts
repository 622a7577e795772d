import { ServiceConfig } from "../../config/types";
import { MetricSpec } from "./metrics";

/** Metrics of a service's API Gateway REST API stage (namespace `AWS/ApiGateway`). */
export const API_GATEWAY_NAMESPACE = "AWS/ApiGateway";

function apiMetric(service: ServiceConfig, metricName: string, stat: string): MetricSpec {
    return {
        namespace: API_GATEWAY_NAMESPACE,
        metricName,
        dimensions: { ApiName: service.apiName, Stage: service.apiStage },
        stat,
    };
}

/** Requests served by the stage. */
export function apiRequests(service: ServiceConfig): MetricSpec {
    return apiMetric(service, "Count", "Sum");
}

/** Server-side errors: what the availability SLO counts (4XX are the caller's). */
export function apiServerErrors(service: ServiceConfig): MetricSpec {
    return apiMetric(service, "5XXError", "Sum");
}

/** End-to-end latency as the client sees it. */
export function apiLatency(service: ServiceConfig, stat: string): MetricSpec {
    return apiMetric(service, "Latency", stat);
}
