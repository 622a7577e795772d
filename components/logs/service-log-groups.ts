import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_UNSAMPLED_PATHS } from "../../config/defaults";
import { Environment } from "../../config/types";
import { LOG_METRIC_NAMES, childName, serviceLogGroupName, serviceMetricNamespace } from "../naming";
import { archivePattern, errorLevelPattern, latencyPattern, latencyValue } from "./filter-patterns";

/** Where the subscription filters stream log events. */
export interface LogArchiveDestination {
    /** Firehose delivery stream ARN. */
    destinationArn: pulumi.Input<string>;
    /** Role CloudWatch Logs assumes to put records into the stream. */
    roleArn: pulumi.Input<string>;
}

export interface ServiceLogGroupsArgs {
    environment: Environment;
    /** Service names (unique, validated by the stack config). */
    services: readonly string[];
    /** A retention CloudWatch accepts (the stack config validates it). */
    retentionInDays: number;
    kmsKeyArn: pulumi.Input<string>;
    /** Stream every log group to the archive; no subscription when undefined. */
    archive?: LogArchiveDestination;
    /** Requests to these paths are not archived; default the paths tracing never samples. */
    excludedPaths?: readonly string[];
}

export interface ServiceLogGroup {
    name: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    /** Namespace of the metrics `LOG_METRIC_NAMES` the group's filters publish. */
    metricNamespace: string;
}

/**
 * One application log group per service (`/app/<environment>/<service>`), with metric
 * filters on the structured log schema and a subscription that streams to the archive.
 */
export class ServiceLogGroups extends pulumi.ComponentResource {
    public readonly groups: Readonly<Record<string, ServiceLogGroup>>;
    /** Service → log group name. */
    public readonly logGroupNames: pulumi.Output<Record<string, string>>;
    /** Service → log group ARN. */
    public readonly logGroupArns: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: ServiceLogGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:logs:ServiceLogGroups", name, {}, opts);
        const excludedPaths = args.excludedPaths ?? DEFAULT_UNSAMPLED_PATHS;
        const groups: Record<string, ServiceLogGroup> = {};

        for (const service of args.services) {
            const part = (suffix: string) => childName(name, `${service}-${suffix}`);
            const namespace = serviceMetricNamespace(args.environment, service);
            const logGroup = new aws.cloudwatch.LogGroup(
                childName(name, service),
                {
                    name: serviceLogGroupName(args.environment, service),
                    retentionInDays: args.retentionInDays,
                    kmsKeyId: args.kmsKeyArn,
                },
                { parent: this },
            );
            new aws.cloudwatch.LogMetricFilter(
                part("errors"),
                {
                    name: LOG_METRIC_NAMES.errors,
                    logGroupName: logGroup.name,
                    pattern: errorLevelPattern(),
                    metricTransformation: {
                        name: LOG_METRIC_NAMES.errors,
                        namespace,
                        value: "1",
                        // Zero when nothing failed, so error alarms see data rather than gaps.
                        defaultValue: "0",
                        unit: "Count",
                    },
                },
                { parent: this },
            );
            new aws.cloudwatch.LogMetricFilter(
                part("latency"),
                {
                    name: LOG_METRIC_NAMES.latency,
                    logGroupName: logGroup.name,
                    pattern: latencyPattern(),
                    // No default value: zeros for idle minutes would drag the percentiles down.
                    metricTransformation: {
                        name: LOG_METRIC_NAMES.latency,
                        namespace,
                        value: latencyValue(),
                        unit: "Milliseconds",
                    },
                },
                { parent: this },
            );
            if (args.archive !== undefined) {
                new aws.cloudwatch.LogSubscriptionFilter(
                    part("archive"),
                    {
                        name: "archive",
                        logGroup: logGroup.name,
                        filterPattern: archivePattern(excludedPaths),
                        destinationArn: args.archive.destinationArn,
                        roleArn: args.archive.roleArn,
                    },
                    { parent: this },
                );
            }
            groups[service] = { name: logGroup.name, arn: logGroup.arn, metricNamespace: namespace };
        }

        this.groups = groups;
        this.logGroupNames = recordOutput(groups, (group) => group.name);
        this.logGroupArns = recordOutput(groups, (group) => group.arn);
        this.registerOutputs({ logGroupNames: this.logGroupNames, logGroupArns: this.logGroupArns });
    }
}

function recordOutput(
    groups: Record<string, ServiceLogGroup>,
    pick: (group: ServiceLogGroup) => pulumi.Output<string>,
): pulumi.Output<Record<string, string>> {
    const entries = Object.entries(groups).map(([service, group]) => pulumi.all([service, pick(group)]));
    return pulumi.all(entries).apply((pairs) => Object.fromEntries(pairs));
}
