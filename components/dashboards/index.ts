export { Dashboards } from "./dashboards";
export type { DashboardsArgs } from "./dashboards";
export { LATENCY_PERCENTILES, RECENT_ERRORS_LIMIT, logWidgetQuery, onCallDashboardBody, recentErrorsQuery } from "./on-call";
export type { OnCallDashboardParams } from "./on-call";
export { SLI_PERIOD_SECONDS, sliDashboardBody } from "./sli";
export * from "./widgets";
