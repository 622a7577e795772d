import * as pulumi from "@pulumi/pulumi";
import { EstateConfig, Environment } from "../config/types";
import { AccountAlarms } from "./alarms/account-alarms";
import { ServiceAlarms } from "./alarms/service-alarms";
import { AlertRouting } from "./alerting/alert-routing";
import { Dashboards } from "./dashboards/dashboards";
import { Tracing } from "./tracing/tracing";
import { ReferenceService } from "../services/reference/reference-service";
import { FirehoseBuffering, LogArchive } from "./archive/log-archive";
import { AuditTrail, DEFAULT_AUDIT_KEY_PREFIX, auditTrailBucketStatements } from "./audit/audit-trail";
import { AuditorRole } from "./audit/auditor-role";
import { EncryptionKey } from "./kms/encryption-key";
import { AwsContext, lookupAwsContext, trailArn } from "./kms/policy";
import { ServiceLogGroups } from "./logs/service-log-groups";
import { auditTrailName, childName } from "./naming";
import { QueryLibrary } from "./queries/query-library";
import { SavedQuery } from "./queries/saved-queries";

/** Settings that are not stack config but that a program embedding the estate may change. */
export interface EstateOverrides {
    /** Default: looked up once from the provider and shared by every part. */
    context?: AwsContext;
    keyDeletionWindowInDays?: number;
    archiveBucketName?: pulumi.Input<string>;
    firehoseBuffering?: FirehoseBuffering;
    /** Requests to these paths are not archived; default the tracing config's unsampled paths. */
    archiveExcludedPaths?: readonly string[];
    /** Default the full query library. */
    queries?: readonly SavedQuery[];
    /** Code of the reference service's handlers; default bundled from services/reference/handlers. */
    referenceServiceCode?: pulumi.asset.Archive;
}

export interface ObservabilityEstateArgs extends EstateConfig {
    overrides?: EstateOverrides;
}

/**
 * The whole estate of one stack. The foundation (key, archive, service log groups, audit
 * trail, query library) is built first; the parts that watch services (alert routing,
 * tracing, alarms, dashboards) take the key, the log groups and their metric namespaces from it.
 */
export class ObservabilityEstate extends pulumi.ComponentResource {
    public readonly environment: Environment;
    public readonly context: AwsContext;
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly kmsKeyId: pulumi.Output<string>;
    public readonly serviceLogGroups: ServiceLogGroups;
    /** Service → application log group name. */
    public readonly logGroupNames: pulumi.Output<Record<string, string>>;
    /** Service → namespace of its log-derived metrics (`LOG_METRIC_NAMES`). */
    public readonly metricNamespaces: Readonly<Record<string, string>>;
    public readonly archiveBucketName: pulumi.Output<string>;
    public readonly archiveBucketArn: pulumi.Output<string>;
    public readonly firehoseStreamName: pulumi.Output<string>;
    public readonly firehoseStreamArn: pulumi.Output<string>;
    /** Undefined when the stack config turns the audit trail off. */
    public readonly auditTrail?: AuditTrail;
    public readonly queryDefinitionNames: pulumi.Output<string[]>;
    public readonly criticalTopicArn: pulumi.Output<string>;
    public readonly warningTopicArn: pulumi.Output<string>;
    public readonly samplingRuleNames: pulumi.Output<string[]>;
    public readonly xrayGroupNames: pulumi.Output<string[]>;
    /** Every alarm of the stack: per-service metric and composite alarms, then account-wide ones. */
    public readonly alarmNames: pulumi.Output<string[]>;
    public readonly dashboardNames: pulumi.Output<string[]>;
    /** Undefined unless the stack config asks for the auditor role. */
    public readonly auditorRole?: AuditorRole;
    /** Undefined unless the stack config deploys the reference service. */
    public readonly referenceService?: ReferenceService;

    constructor(name: string, args: ObservabilityEstateArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:index:ObservabilityEstate", name, {}, opts);
        const overrides = args.overrides ?? {};
        const environment = args.environment;
        const context = overrides.context ?? lookupAwsContext(this);
        const child = { parent: this };
        this.environment = environment;
        this.context = context;

        const key = new EncryptionKey(
            childName(name, "key"),
            {
                environment,
                existingKeyArn: args.kms.existingKeyArn,
                cloudTrailArn: args.auditTrail ? trailArn(context, auditTrailName(environment)) : undefined,
                deletionWindowInDays: overrides.keyDeletionWindowInDays,
                context,
            },
            child,
        );

        const archive = new LogArchive(
            childName(name, "archive"),
            {
                environment,
                kmsKeyArn: key.keyArn,
                glacierTransitionDays: args.archive.glacierTransitionDays,
                expirationDays: args.archive.expirationDays,
                objectLock: args.archive.objectLock,
                errorLogRetentionInDays: args.retention.application,
                bucketName: overrides.archiveBucketName,
                buffering: overrides.firehoseBuffering,
                additionalBucketPolicyStatements: args.auditTrail
                    ? auditTrailBucketStatements({ environment, context })
                    : undefined,
                retainedPrefixes: args.auditTrail
                    ? [{ id: "audit-trail", prefix: `${DEFAULT_AUDIT_KEY_PREFIX}/`, expirationDays: args.retention.audit }]
                    : undefined,
                context,
            },
            child,
        );

        const logs = new ServiceLogGroups(
            childName(name, "logs"),
            {
                environment,
                services: args.services.map((service) => service.name),
                retentionInDays: args.retention.application,
                kmsKeyArn: key.keyArn,
                archive: { destinationArn: archive.streamArn, roleArn: archive.subscriptionRoleArn },
                excludedPaths: overrides.archiveExcludedPaths ?? args.tracing.unsampledPaths,
            },
            child,
        );

        if (args.auditTrail) {
            this.auditTrail = new AuditTrail(
                childName(name, "audit"),
                {
                    environment,
                    kmsKeyArn: key.keyArn,
                    bucketName: archive.bucketName,
                    retentionInDays: args.retention.audit,
                    context,
                },
                // The bucket policy that lets CloudTrail write must exist before the trail.
                { parent: this, dependsOn: [archive] },
            );
        }

        const queries = new QueryLibrary(
            childName(name, "queries"),
            {
                environment,
                logGroupNames: logs.logGroupNames.apply((names) => Object.values(names)),
                queries: overrides.queries,
            },
            child,
        );

        const alerting = new AlertRouting(
            childName(name, "alerting"),
            {
                environment,
                alerting: args.alerting,
                kmsKeyArn: key.keyArn,
                accountId: context.accountId,
                region: context.region,
                partition: context.partition,
            },
            child,
        );
        const topics = { criticalTopicArn: alerting.criticalTopicArn, warningTopicArn: alerting.warningTopicArn };

        const tracing = new Tracing(
            childName(name, "tracing"),
            {
                environment,
                tracing: args.tracing,
                services: args.services,
                slowRequestThresholdMs: args.alarms.latencyP95Ms,
                kmsKeyArn: key.keyArn,
            },
            child,
        );

        const serviceAlarms = args.services.map(
            (service) =>
                new ServiceAlarms(
                    childName(name, `alarms-${service.name}`),
                    {
                        environment,
                        service,
                        alarms: args.alarms,
                        ...topics,
                        logMetricNamespace: logs.groups[service.name].metricNamespace,
                    },
                    child,
                ),
        );
        const accountAlarms = new AccountAlarms(
            childName(name, "account-alarms"),
            { environment, alarms: args.alarms, ...topics, runbookUrl: args.alerting.platformRunbookUrl },
            child,
        );
        const allAlarms = [...serviceAlarms, accountAlarms];

        const dashboards = new Dashboards(
            childName(name, "dashboards"),
            {
                environment,
                region: context.region,
                services: args.services,
                alarmArns: pulumi.all(allAlarms.map((alarms) => alarms.alarmArns)).apply((arns) => arns.flat()),
                logGroupNames: logs.logGroupNames.apply((names) => Object.values(names)),
            },
            child,
        );

        if (args.auditorRole) {
            this.auditorRole = new AuditorRole(childName(name, "auditor"), args.auditorRole, child);
        }

        if (args.referenceService) {
            this.referenceService = new ReferenceService(
                childName(name, "reference"),
                {
                    environment,
                    kmsKeyArn: key.keyArn,
                    retentionInDays: args.retention.application,
                    apiRetentionInDays: args.retention.access,
                    code: overrides.referenceServiceCode,
                },
                child,
            );
        }

        this.kmsKeyArn = key.keyArn;
        this.kmsKeyId = key.keyId;
        this.serviceLogGroups = logs;
        this.logGroupNames = logs.logGroupNames;
        this.metricNamespaces = Object.fromEntries(
            Object.entries(logs.groups).map(([service, group]) => [service, group.metricNamespace]),
        );
        this.archiveBucketName = archive.bucketName;
        this.archiveBucketArn = archive.bucketArn;
        this.firehoseStreamName = archive.streamName;
        this.firehoseStreamArn = archive.streamArn;
        this.queryDefinitionNames = queries.queryNames;
        this.criticalTopicArn = alerting.criticalTopicArn;
        this.warningTopicArn = alerting.warningTopicArn;
        this.samplingRuleNames = tracing.samplingRuleNames;
        this.xrayGroupNames = tracing.groupNames;
        this.alarmNames = pulumi.all(allAlarms.map((alarms) => alarms.alarmNames)).apply((names) => names.flat());
        this.dashboardNames = pulumi.all([dashboards.sliDashboardName, dashboards.onCallDashboardName]);

        this.registerOutputs({
            kmsKeyArn: this.kmsKeyArn,
            logGroupNames: this.logGroupNames,
            metricNamespaces: this.metricNamespaces,
            archiveBucketName: this.archiveBucketName,
            firehoseStreamName: this.firehoseStreamName,
            auditTrailName: this.auditTrail?.trailName,
            auditLogGroupName: this.auditTrail?.logGroupName,
            queryDefinitionNames: this.queryDefinitionNames,
            criticalTopicArn: this.criticalTopicArn,
            warningTopicArn: this.warningTopicArn,
            samplingRuleNames: this.samplingRuleNames,
            xrayGroupNames: this.xrayGroupNames,
            alarmNames: this.alarmNames,
            dashboardNames: this.dashboardNames,
            referenceServiceUrl: this.referenceService?.ordersUrl,
            auditorRoleArn: this.auditorRole?.roleArn,
        });
    }
}
