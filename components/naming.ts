import { ALARM_NAME_MAX_LENGTH, XRAY_RULE_NAME_MAX_LENGTH } from "../policies/rules/cloudwatch";

/**
 * Every physical and logical name in the estate comes from here, so that two stacks or two
 * services can never collide and the length limits are checked in one place (config
 * validation calls the same functions before any resource is declared).
 */

/** Pulumi logical name of a child resource: `<component>-<part>`. */
export function childName(componentName: string, part: string): string {
    return `${componentName}-${part}`;
}

/** Log group of a service's application logs. */
export function serviceLogGroupName(environment: string, service: string): string {
    return `/app/${environment}/${service}`;
}

/** Metric namespace of a service's log-derived metrics. */
export function serviceMetricNamespace(environment: string, service: string): string {
    return `Observability/${environment}/${service}`;
}

/** Default API Gateway REST API name of a service. */
export function serviceApiName(environment: string, service: string): string {
    return `${environment}-${service}`;
}

/** Default Lambda function name of a service. */
export function serviceFunctionName(environment: string, service: string): string {
    return `${environment}-${service}`;
}

/** Metrics the service log group's metric filters publish into `serviceMetricNamespace`. */
export const LOG_METRIC_NAMES = {
    /** Count of log entries at an error level (ERROR, FATAL). */
    errors: "LogErrors",
    /** Request latency in milliseconds from `performance.duration_ms`. */
    latency: "RequestLatencyMs",
} as const;

/** Alarm name `<environment>-<service>-<signal>`. */
export function alarmName(environment: string, service: string, signal: string): string {
    return `${environment}-${service}-${signal}`;
}

/** X-Ray sampling rule name for a service override. */
export function serviceSamplingRuleName(environment: string, service: string): string {
    return `${environment}-${service}`;
}

/** X-Ray sampling rule name for an estate-wide rule (`default`, `unsampled`). */
export function estateSamplingRuleName(environment: string, purpose: string): string {
    return `${environment}-${purpose}`;
}

/** X-Ray group name. */
export function xrayGroupName(environment: string, purpose: string): string {
    return `${environment}-${purpose}`;
}

/** Folder of the saved Logs Insights queries of an environment. */
export function queryFolder(environment: string): string {
    return `observability/${environment}`;
}

/** The longest alarm signal suffix the estate uses; keeps config validation honest. */
export const LONGEST_ALARM_SIGNAL = "dynamodb-write-throttles";

/** Problems with a service name that only naming can know (lengths of derived names). */
export function serviceNameLengthProblems(environment: string, service: string): string[] {
    const problems: string[] = [];
    const rule = serviceSamplingRuleName(environment, service);
    if (rule.length > XRAY_RULE_NAME_MAX_LENGTH) {
        problems.push(
            `makes the X-Ray sampling rule name "${rule}" ${rule.length} characters long; at most ${XRAY_RULE_NAME_MAX_LENGTH} are allowed`,
        );
    }
    const alarm = alarmName(environment, service, LONGEST_ALARM_SIGNAL);
    if (alarm.length > ALARM_NAME_MAX_LENGTH) {
        problems.push(
            `makes the alarm name "${alarm}" ${alarm.length} characters long; at most ${ALARM_NAME_MAX_LENGTH} are allowed`,
        );
    }
    return problems;
}
