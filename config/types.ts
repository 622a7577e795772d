import * as pulumi from "@pulumi/pulumi";

/**
 * The validated, defaulted stack configuration. `loadEstateConfig` (config/load.ts) is the only
 * producer; components receive the parts they need through their args and never read config.
 */

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const SERVICE_KINDS = ["lambda", "api"] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export interface ServiceSlo {
    /** Availability objective in percent, e.g. 99.9. */
    availabilityPercent: number;
    /** p99 latency objective in milliseconds; undefined for asynchronous services. */
    latencyP99Ms?: number;
    /** Error-rate objective in percent, e.g. 0.1. */
    errorRatePercent: number;
}

export interface ServiceConfig {
    /** Lower-case letters, digits and hyphens; starts with a letter. Unique in the stack. */
    name: string;
    kind: ServiceKind;
    slo: ServiceSlo;
    runbookUrl: string;
    /** DynamoDB tables the service owns (throttling alarms). */
    dynamodbTables: string[];
    /** SQS dead-letter queues of the service (depth alarms). */
    deadLetterQueues: string[];
    /** Per-service X-Ray fixed sampling rate override (0..1); undefined uses the default. */
    samplingRate?: number;
    /** API Gateway REST API name (dimension `ApiName`); default `<environment>-<service>`. */
    apiName: string;
    /** API Gateway stage name (dimension `Stage`); default the environment. */
    apiStage: string;
    /** Lambda function names of the service (dimension `FunctionName`); default `[<environment>-<service>]`. */
    functionNames: string[];
}

/** Retention in days per log class; every value is one CloudWatch accepts. */
export interface RetentionConfig {
    /** Service application logs (`/app/<env>/<service>`) and Lambda function logs. */
    application: number;
    /** API Gateway access and execution logs. */
    access: number;
    /** Account audit logs (CloudTrail). */
    audit: number;
}

export interface ArchiveConfig {
    /** Days after which archived objects move to Glacier. */
    glacierTransitionDays: number;
    /** Days after which archived objects expire (greater than the transition). */
    expirationDays: number;
    /** S3 Object Lock (compliance mode) on the archive bucket; on by default in prod. */
    objectLock: boolean;
}

export interface TracingConfig {
    /** Default fixed sampling rate (0..1). */
    samplingRate: number;
    /** Requests per second sampled before the fixed rate applies. */
    reservoirPerSecond: number;
    /** URL paths never sampled (rate 0). */
    unsampledPaths: string[];
}

export interface SlackConfig {
    /** Slack workspace (team) id, e.g. T0123ABCD. */
    workspaceId: string;
    /** Slack channel id, e.g. C0123ABCD. */
    channelId: string;
}

export interface AlertingConfig {
    emails: string[];
    /** Runbook of the platform team, linked from estate-wide alarms (account Lambda concurrency). */
    platformRunbookUrl?: string;
    /** PagerDuty Events API URL; always a Pulumi secret. */
    pagerDutyEventsUrl?: pulumi.Output<string>;
    slack?: SlackConfig;
}

export interface AlarmConfig {
    /** Error rate (%) above which the error-rate alarm fires. */
    errorRatePercent: number;
    /** p95 latency (ms) above which the latency alarm fires. */
    latencyP95Ms: number;
    /** Account Lambda concurrency (% of the limit) above which the concurrency alarm fires. */
    concurrencyPercent: number;
    /** The account's Lambda concurrency limit. */
    accountConcurrencyLimit: number;
    /** Request increase (%) over the previous 5 minutes that counts as a traffic spike. */
    trafficSpikePercent: number;
    /** Requests per period below which the traffic-spike alarm stays quiet. */
    trafficSpikeMinimumRequests: number;
    /** Add an anomaly-detection band alarm on request count. */
    anomalyDetection: boolean;
    /** Alarm period in seconds (10, 30 or a multiple of 60). */
    periodSeconds: number;
    /** Evaluation periods; period × evaluation periods ≤ 1 day. */
    evaluationPeriods: number;
    /** Datapoints to alarm; period × datapoints ≤ 300 s (detection within 5 minutes). */
    datapointsToAlarm: number;
}

export interface KmsConfig {
    /** Use this existing key instead of creating one. */
    existingKeyArn?: string;
}

/** The role a central auditor assumes in this account (`npm run audit -- --org --role-name <roleName>`). */
export interface AuditorRoleConfig {
    /** Default `observability-auditor`. IAM is account-wide: enable it in one stack per account. */
    roleName: string;
    /** Principals (account roots, roles or users) allowed to assume the role. */
    trustedPrincipalArns: string[];
    /** Also grant the write actions `--fix` needs. */
    allowFix: boolean;
}

export interface EstateConfig {
    environment: Environment;
    services: ServiceConfig[];
    retention: RetentionConfig;
    archive: ArchiveConfig;
    tracing: TracingConfig;
    alerting: AlertingConfig;
    alarms: AlarmConfig;
    kms: KmsConfig;
    /** Provision the CloudTrail audit trail. */
    auditTrail: boolean;
    /** Provision the auditor role; undefined when not configured. */
    auditorRole?: AuditorRoleConfig;
    /** Deploy the reference service (two traced functions behind a REST API); on by default in dev. */
    referenceService: boolean;
}
