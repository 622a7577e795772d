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

/**
 * Access-log group of an API Gateway stage. Log group names allow only `[.-_/#A-Za-z0-9]`, so
 * characters outside that set (the `$` of an HTTP API's `$default` stage) are dropped.
 */
export function apiAccessLogGroupName(apiName: string, stageName: string): string {
    const safe = (part: string) => part.replace(/[^A-Za-z0-9._\-/#]/g, "");
    return `/aws/apigateway/${safe(apiName)}/${safe(stageName)}/access`;
}

/** KMS alias of the estate's encryption key. */
export function encryptionKeyAlias(environment: string): string {
    return `alias/observability-${environment}`;
}

/**
 * Log archive bucket. Bucket names are global across all accounts, so the name carries the
 * account and region; at most 63 characters for every region name AWS uses.
 */
export function archiveBucketName(environment: string, accountId: string, region: string): string {
    return `observability-${environment}-archive-${accountId}-${region}`;
}

/** Firehose delivery stream that carries service logs into the archive. */
export function archiveStreamName(environment: string): string {
    return `observability-${environment}-log-archive`;
}

/** Where Firehose reports delivery errors of a stream (the console's default location). */
export function firehoseErrorLogGroupName(streamName: string): string {
    return `/aws/kinesisfirehose/${streamName}`;
}

/** The account's CloudTrail trail. */
export function auditTrailName(environment: string): string {
    return `observability-${environment}-audit`;
}

/** Log group that receives the CloudTrail audit trail. */
export function auditLogGroupName(environment: string): string {
    return `/audit/${environment}/cloudtrail`;
}

/** Alarm name for an account-wide signal (not owned by one service): `<environment>-account-<signal>`. */
export function accountAlarmName(environment: string, signal: string): string {
    return `${environment}-account-${signal}`;
}

/** SNS topic that carries alerts of one severity (`critical`, `warning`). */
export function alertTopicName(environment: string, severity: string): string {
    return `${environment}-alerts-${severity}`;
}

/** AWS Chatbot channel configuration that relays the alert topics to Slack. */
export function chatbotConfigurationName(environment: string): string {
    return `${environment}-alerts-slack`;
}

/** CloudWatch dashboard name (`sli`, `on-call`). */
export function dashboardName(environment: string, purpose: string): string {
    return `${environment}-${purpose}`;
}
