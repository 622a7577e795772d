import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Environment, ServiceConfig, TracingConfig } from "../../config/types";
import { XRAY_GROUP_NAME_MAX_LENGTH } from "../../policies/rules/cloudwatch";
import { childName, xrayGroupName } from "../naming";
import { samplingRuleSpecs } from "./sampling";

export interface TracingArgs {
    environment: Environment;
    tracing: TracingConfig;
    /** Services with a `samplingRate` get their own rule. */
    services: ServiceConfig[];
    /** Requests slower than this (ms) land in the slow-requests group; the alarm config's `latencyP95Ms`. */
    slowRequestThresholdMs: number;
    /** KMS key (ARN or id) X-Ray encrypts traces with. */
    kmsKeyArn: pulumi.Input<string>;
}

/** X-Ray filter expressions of the estate's groups. */
export const ERRORS_GROUP_FILTER = "fault = true OR error = true";

export function slowRequestsGroupFilter(thresholdMs: number): string {
    if (!(thresholdMs > 0)) {
        throw new Error(`slow-request threshold ${thresholdMs} ms must be a positive number of milliseconds`);
    }
    // X-Ray's `responsetime` is in seconds.
    return `responsetime > ${Number((thresholdMs / 1000).toFixed(6))}`;
}

/** X-Ray for an environment (SPEC §4.5): sampling rules, error and slow-request groups, encryption. */
export class Tracing extends pulumi.ComponentResource {
    readonly samplingRuleNames: pulumi.Output<string[]>;
    readonly groupNames: pulumi.Output<string[]>;
    readonly groupArns: pulumi.Output<string[]>;
    readonly errorsGroupArn: pulumi.Output<string>;
    readonly slowRequestsGroupArn: pulumi.Output<string>;

    constructor(name: string, args: TracingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:tracing:Tracing", name, {}, opts);
        const rules = samplingRuleSpecs(args.environment, args.tracing, args.services).map(
            (spec) =>
                new aws.xray.SamplingRule(
                    childName(name, spec.ruleName),
                    {
                        ruleName: spec.ruleName,
                        priority: spec.priority,
                        fixedRate: spec.fixedRate,
                        reservoirSize: spec.reservoirSize,
                        serviceName: spec.serviceName,
                        serviceType: spec.serviceType,
                        urlPath: spec.urlPath,
                        host: "*",
                        httpMethod: "*",
                        resourceArn: "*",
                        version: 1,
                    },
                    { parent: this },
                ),
        );

        const group = (purpose: string, filterExpression: string) => {
            const groupName = xrayGroupName(args.environment, purpose);
            if (groupName.length > XRAY_GROUP_NAME_MAX_LENGTH) {
                throw new Error(`X-Ray group name "${groupName}" is longer than ${XRAY_GROUP_NAME_MAX_LENGTH} characters`);
            }
            return new aws.xray.Group(
                childName(name, `group-${purpose}`),
                {
                    groupName,
                    filterExpression,
                    // Insights turns the group into anomaly detection with notifications to EventBridge.
                    insightsConfiguration: { insightsEnabled: true, notificationsEnabled: true },
                },
                { parent: this },
            );
        };
        const errors = group("errors", ERRORS_GROUP_FILTER);
        const slow = group("slow", slowRequestsGroupFilter(args.slowRequestThresholdMs));

        new aws.xray.EncryptionConfig(childName(name, "encryption"), { type: "KMS", keyId: args.kmsKeyArn }, { parent: this });

        this.samplingRuleNames = pulumi.all(rules.map((rule) => rule.ruleName)).apply((names) =>
            names.filter((ruleName): ruleName is string => ruleName !== undefined),
        );
        this.groupNames = pulumi.all([errors.groupName, slow.groupName]);
        this.groupArns = pulumi.all([errors.arn, slow.arn]);
        this.errorsGroupArn = errors.arn;
        this.slowRequestsGroupArn = slow.arn;
        this.registerOutputs({
            samplingRuleNames: this.samplingRuleNames,
            groupNames: this.groupNames,
            groupArns: this.groupArns,
            errorsGroupArn: this.errorsGroupArn,
            slowRequestsGroupArn: this.slowRequestsGroupArn,
        });
    }
}
