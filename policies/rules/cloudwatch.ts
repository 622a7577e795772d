/**
 * Facts about AWS that every part of the product relies on. This file is the single source
 * of truth: the stack config validation, the components, the policy pack and the auditor all
 * import these values instead of restating them. It has no dependencies so that it can be
 * imported from anywhere (including the published policy pack).
 */

/** Retention periods (days) that CloudWatch Logs accepts for `PutRetentionPolicy`. */
export const CLOUDWATCH_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export type CloudWatchRetentionDays = (typeof CLOUDWATCH_RETENTION_DAYS)[number];

/** Seven years: what audit data is kept for. 2557 is the accepted value; 2555 is not. */
export const SEVEN_YEARS_DAYS: CloudWatchRetentionDays = 2557;

export function isCloudWatchRetention(days: unknown): days is CloudWatchRetentionDays {
    return typeof days === "number" && (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days);
}

/**
 * The retention to suggest for a value that is not acceptable: the smallest value CloudWatch
 * accepts that is at least the minimum and never shorter than `days` (data is never cut short).
 * Config validation, the golden-path blocks and the policy pack all advise with this.
 */
export function suggestedRetention(days: unknown, minimumDays: number): CloudWatchRetentionDays {
    const floor = Math.max(minimumDays, typeof days === "number" && Number.isFinite(days) && days > 0 ? days : 0);
    return smallestRetentionAtLeast(floor) ?? CLOUDWATCH_RETENTION_DAYS[CLOUDWATCH_RETENTION_DAYS.length - 1];
}

/** The smallest accepted retention that is at least `days`, or undefined if none is. */
export function smallestRetentionAtLeast(days: number): CloudWatchRetentionDays | undefined {
    return CLOUDWATCH_RETENTION_DAYS.find((candidate) => candidate >= days);
}

/** Log levels accepted by Lambda's advanced logging controls. */
export const LAMBDA_APPLICATION_LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;
export const LAMBDA_SYSTEM_LOG_LEVELS = ["DEBUG", "INFO", "WARN"] as const;
export type LambdaApplicationLogLevel = (typeof LAMBDA_APPLICATION_LOG_LEVELS)[number];
export type LambdaSystemLogLevel = (typeof LAMBDA_SYSTEM_LOG_LEVELS)[number];

/** Execution logging levels of API Gateway (REST method settings, WebSocket route settings). */
export const API_GATEWAY_LOGGING_LEVELS = ["OFF", "ERROR", "INFO"] as const;
/** The execution-logging levels that actually log (what the pack requires and the golden path sets). */
export const API_GATEWAY_EXECUTION_LOGGING_LEVELS = ["ERROR", "INFO"] as const satisfies readonly (typeof API_GATEWAY_LOGGING_LEVELS)[number][];

/** X-Ray sampling rule names: 1 to 32 characters. */
export const XRAY_RULE_NAME_MAX_LENGTH = 32;
/** X-Ray group names: 1 to 32 characters. */
export const XRAY_GROUP_NAME_MAX_LENGTH = 32;
/** CloudWatch alarm names: at most 255 characters. */
export const ALARM_NAME_MAX_LENGTH = 255;
/** CloudWatch Logs Insights query strings: at most 10,000 characters. */
export const LOGS_INSIGHTS_QUERY_MAX_LENGTH = 10_000;
/** Metric math alarms may reference at most 10 metrics. */
export const ALARM_MAX_METRICS = 10;
/** An alarm's evaluation window (period × evaluation periods) may not exceed one day. */
export const ALARM_MAX_WINDOW_SECONDS = 86_400;
/** Alarm periods CloudWatch accepts: 10, 30 (high resolution) or a multiple of 60. */
export function isValidAlarmPeriod(seconds: number): boolean {
    return Number.isInteger(seconds) && (seconds === 10 || seconds === 30 || (seconds > 0 && seconds % 60 === 0));
}

/** Where Lambda writes logs when `loggingConfig.logGroup` is not set. */
export function defaultLambdaLogGroupName(functionName: string): string {
    return `/aws/lambda/${functionName}`;
}

/** The execution-log group API Gateway writes for a REST API stage. */
export function restExecutionLogGroupName(restApiId: string, stageName: string): string {
    return `API-Gateway-Execution-Logs_${restApiId}/${stageName}`;
}

/**
 * The shortest log retention each environment may have: its default retention (SPEC §3).
 * Stack config validation and the policy pack's default minimums both read this table, so a
 * stack that validates also passes the pack.
 */
export const MINIMUM_LOG_RETENTION_DAYS: Readonly<Record<"dev" | "staging" | "prod", CloudWatchRetentionDays>> = {
    dev: 7,
    staging: 30,
    prod: 365,
};

/** Longest detection time (period × datapoints to alarm) the estate accepts: five minutes. */
export const ALARM_MAX_DETECTION_SECONDS = 300;
