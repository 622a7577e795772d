import { ServiceConfig } from "../../config/types";
import { MathQuery } from "../alarms/metrics";
import { errorRateExpression, errorSeries, latencySeries, requestSeries } from "../alarms/service-metrics";
import { DashboardBody, SizedWidget, layout, seriesRows } from "./widgets";

/** SLIs are drawn in five-minute buckets, the resolution the burn-rate windows build on. */
export const SLI_PERIOD_SECONDS = 300;

const WIDGET_WIDTH = 8;
const WIDGET_HEIGHT = 6;

function ratioQueries(service: ServiceConfig): { queries: MathQuery[]; errorRate: string } {
    const errors = errorSeries(service);
    const requests = requestSeries(service);
    return { queries: [...errors.queries, ...requests.queries], errorRate: errorRateExpression(errors.id, requests.id) };
}

function availabilityWidget(service: ServiceConfig, region: string): SizedWidget {
    const { queries, errorRate } = ratioQueries(service);
    const availability: MathQuery = {
        id: "availability",
        expression: `100 - ${errorRate}`,
        label: "availability (%)",
        returnData: true,
    };
    return {
        width: WIDGET_WIDTH,
        height: WIDGET_HEIGHT,
        content: {
            type: "metric",
            properties: {
                title: `${service.name}: availability`,
                region,
                view: "timeSeries",
                stacked: false,
                period: SLI_PERIOD_SECONDS,
                metrics: seriesRows([...queries, availability], [availability.id]),
                annotations: {
                    horizontal: [
                        { label: `SLO ${service.slo.availabilityPercent}%`, value: service.slo.availabilityPercent, fill: "below" },
                    ],
                },
                yAxis: { left: { max: 100, label: "%", showUnits: false } },
            },
        },
    };
}

function latencyWidget(service: ServiceConfig, region: string): SizedWidget {
    const latency = latencySeries(service, "p99", "p99");
    const objective = service.slo.latencyP99Ms;
    return {
        width: WIDGET_WIDTH,
        height: WIDGET_HEIGHT,
        content: {
            type: "metric",
            properties: {
                title: objective === undefined ? `${service.name}: p99 latency (no latency SLO)` : `${service.name}: p99 latency`,
                region,
                view: "timeSeries",
                stacked: false,
                period: SLI_PERIOD_SECONDS,
                metrics: seriesRows(latency.queries, [latency.id]),
                ...(objective === undefined
                    ? {}
                    : { annotations: { horizontal: [{ label: `SLO p99 ${objective} ms`, value: objective, fill: "above" as const }] } }),
                yAxis: { left: { min: 0, label: "ms", showUnits: false } },
            },
        },
    };
}

function errorRateWidget(service: ServiceConfig, region: string): SizedWidget {
    const { queries, errorRate } = ratioQueries(service);
    const rate: MathQuery = { id: "error_rate", expression: errorRate, label: "error rate (%)", returnData: true };
    return {
        width: WIDGET_WIDTH,
        height: WIDGET_HEIGHT,
        content: {
            type: "metric",
            properties: {
                title: `${service.name}: error rate`,
                region,
                view: "timeSeries",
                stacked: false,
                period: SLI_PERIOD_SECONDS,
                metrics: seriesRows([...queries, rate], [rate.id]),
                annotations: {
                    horizontal: [{ label: `SLO ${service.slo.errorRatePercent}%`, value: service.slo.errorRatePercent, fill: "above" }],
                },
                yAxis: { left: { min: 0, label: "%", showUnits: false } },
            },
        },
    };
}

/** One row per service: availability, p99 latency and error rate, each against its objective. */
export function sliDashboardBody(services: readonly ServiceConfig[], region: string): DashboardBody {
    return layout(
        services.map((service) => [
            availabilityWidget(service, region),
            latencyWidget(service, region),
            errorRateWidget(service, region),
        ]),
    );
}
