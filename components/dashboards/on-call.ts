import { ServiceConfig } from "../../config/types";
import { LOGS_INSIGHTS_QUERY_MAX_LENGTH } from "../../policies/rules/cloudwatch";
import { ERROR_LEVELS, LOG_FIELDS } from "../../schema/fields";
import { latencySeries } from "../alarms/service-metrics";
import {
    ALARM_WIDGET_MAX_ALARMS,
    DashboardBody,
    LOG_WIDGET_MAX_LOG_GROUPS,
    MetricRow,
    SizedWidget,
    layout,
    seriesRows,
} from "./widgets";

/** How many recent errors the on-call dashboard lists. */
export const RECENT_ERRORS_LIMIT = 100;

export const LATENCY_PERCENTILES = ["p50", "p95", "p99"] as const;

/** The last errors across the service log groups, newest first, with the ids to pivot on. */
export function recentErrorsQuery(limit = RECENT_ERRORS_LIMIT): string {
    const fields = [LOG_FIELDS.service, LOG_FIELDS.level, LOG_FIELDS.message, LOG_FIELDS.correlationId, LOG_FIELDS.traceId];
    const levels = ERROR_LEVELS.map((level) => JSON.stringify(level)).join(",");
    return [
        `fields @timestamp, ${fields.join(", ")}`,
        `filter ${LOG_FIELDS.level} in [${levels}]`,
        "sort @timestamp desc",
        `limit ${limit}`,
    ].join(" | ");
}

/** A dashboard log widget names its log groups with `SOURCE` clauses before the query. */
export function logWidgetQuery(logGroupNames: readonly string[], query: string): string {
    if (logGroupNames.length === 0 || logGroupNames.length > LOG_WIDGET_MAX_LOG_GROUPS) {
        throw new Error(
            `a recent-errors widget would query ${logGroupNames.length} log groups; a Logs Insights widget needs 1 to ${LOG_WIDGET_MAX_LOG_GROUPS}`,
        );
    }
    const full = [...logGroupNames.map((name) => `SOURCE '${name}'`), query].join(" | ");
    if (full.length > LOGS_INSIGHTS_QUERY_MAX_LENGTH) {
        throw new Error(`the recent-errors query is ${full.length} characters long; Logs Insights allows ${LOGS_INSIGHTS_QUERY_MAX_LENGTH}`);
    }
    return full;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
    const result: T[][] = [];
    for (let start = 0; start < items.length; start += size) {
        result.push(items.slice(start, start + size));
    }
    return result;
}

function alarmWidgets(alarmArns: readonly string[]): SizedWidget[] {
    const pages = chunks(alarmArns, ALARM_WIDGET_MAX_ALARMS);
    return pages.map((alarms, index) => ({
        width: 24,
        height: Math.min(12, 2 + Math.ceil(alarms.length / 4)),
        content: {
            type: "alarm",
            properties: {
                title: pages.length > 1 ? `Alarm status (${index + 1}/${pages.length})` : "Alarm status",
                alarms,
                sortBy: "stateUpdatedTimestamp",
            },
        },
    }));
}

function latencyWidget(service: ServiceConfig, region: string): SizedWidget {
    const metrics: MetricRow[] = LATENCY_PERCENTILES.flatMap((stat) => {
        const series = latencySeries(service, stat, stat);
        return seriesRows(series.queries, [series.id]);
    });
    return {
        width: 8,
        height: 6,
        content: {
            type: "metric",
            properties: {
                title: `${service.name}: latency p50 / p95 / p99`,
                region,
                view: "timeSeries",
                stacked: false,
                period: 60,
                metrics,
                yAxis: { left: { min: 0, label: "ms", showUnits: false } },
            },
        },
    };
}

export interface OnCallDashboardParams {
    region: string;
    services: readonly ServiceConfig[];
    alarmArns: readonly string[];
    logGroupNames: readonly string[];
}

/** Alarm status first (what is wrong), then the latest errors (why), then latency (how bad). */
export function onCallDashboardBody({ region, services, alarmArns, logGroupNames }: OnCallDashboardParams): DashboardBody {
    // A Logs Insights widget reads at most LOG_WIDGET_MAX_LOG_GROUPS groups: larger estates get one widget per slice.
    const slices = chunks(logGroupNames, LOG_WIDGET_MAX_LOG_GROUPS);
    const recentErrors: SizedWidget[] = slices.map((groups, index) => ({
        width: 24,
        height: 8,
        content: {
            type: "log",
            properties: {
                title:
                    slices.length === 1
                        ? `Last ${RECENT_ERRORS_LIMIT} errors`
                        : `Last ${RECENT_ERRORS_LIMIT} errors (log groups ${index * LOG_WIDGET_MAX_LOG_GROUPS + 1}–${index * LOG_WIDGET_MAX_LOG_GROUPS + groups.length} of ${logGroupNames.length})`,
                region,
                query: logWidgetQuery(groups, recentErrorsQuery()),
                view: "table",
            },
        },
    }));
    return layout([alarmWidgets(alarmArns), recentErrors, services.map((service) => latencyWidget(service, region))]);
}
