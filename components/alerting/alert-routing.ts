import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlertingConfig, Environment } from "../../config/types";
import { alertTopicName, chatbotConfigurationName, childName } from "../naming";
import { alertTopicPolicy } from "./topic-policy";

export const ALERT_SEVERITIES = ["critical", "warning"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export interface AlertRoutingArgs {
    environment: Environment;
    alerting: AlertingConfig;
    /** The estate's KMS key; its policy must let CloudWatch and SNS use it. */
    kmsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    region: pulumi.Input<string>;
    /** Default `aws`. */
    partition?: pulumi.Input<string>;
    /**
     * Policies that cap what anyone in the Slack channel can do through Chatbot, whatever the
     * channel role allows. Default: CloudWatch read-only.
     */
    chatbotGuardrailPolicyArns?: pulumi.Input<string>[];
}

/** Read-only access to alarms, metrics and logs: enough to render alert details in Slack. */
export function cloudWatchReadOnlyPolicyArn(partition: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`arn:${partition}:iam::aws:policy/CloudWatchReadOnlyAccess`;
}

/**
 * Alert routing (SPEC §4.6): a critical and a warning topic, encrypted with the estate's key,
 * that only this account's CloudWatch alarms may publish to. E-mail receives both severities;
 * PagerDuty (HTTPS, URL kept secret) only critical; Slack (AWS Chatbot) both. Each subscriber
 * exists only when configured.
 */
export class AlertRouting extends pulumi.ComponentResource {
    readonly criticalTopicArn: pulumi.Output<string>;
    readonly warningTopicArn: pulumi.Output<string>;
    readonly topicArns: pulumi.Output<string[]>;
    /** The Chatbot channel configuration, when Slack is configured. */
    readonly slackChannelConfigurationArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: AlertRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:alerting:AlertRouting", name, {}, opts);
        const partition = args.partition ?? "aws";
        const { alerting } = args;

        const topics = {} as Record<AlertSeverity, aws.sns.Topic>;
        for (const severity of ALERT_SEVERITIES) {
            const topic = new aws.sns.Topic(
                childName(name, severity),
                { name: alertTopicName(args.environment, severity), kmsMasterKeyId: args.kmsKeyArn },
                { parent: this },
            );
            new aws.sns.TopicPolicy(
                childName(name, `${severity}-policy`),
                {
                    arn: topic.arn,
                    policy: pulumi
                        .all([topic.arn, args.accountId, args.region, partition])
                        .apply(([topicArn, accountId, region, partitionName]) =>
                            JSON.stringify(alertTopicPolicy({ topicArn, accountId, region, partition: partitionName })),
                        ),
                },
                { parent: this },
            );
            for (const [index, address] of alerting.emails.entries()) {
                new aws.sns.TopicSubscription(
                    childName(name, `${severity}-email-${index + 1}`),
                    { topic: topic.arn, protocol: "email", endpoint: address },
                    { parent: this },
                );
            }
            topics[severity] = topic;
        }

        if (alerting.pagerDutyEventsUrl !== undefined) {
            new aws.sns.TopicSubscription(
                childName(name, "critical-pagerduty"),
                {
                    topic: topics.critical.arn,
                    protocol: "https",
                    // The URL carries the integration key: keep it secret even if the caller forgot.
                    endpoint: pulumi.secret(alerting.pagerDutyEventsUrl),
                    endpointAutoConfirms: true,
                },
                { parent: this },
            );
        }

        let slackChannelConfigurationArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
        if (alerting.slack !== undefined) {
            const role = new aws.iam.Role(
                childName(name, "chatbot"),
                {
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Effect: "Allow", Principal: { Service: "chatbot.amazonaws.com" }, Action: "sts:AssumeRole" },
                        ],
                    }),
                    description: "AWS Chatbot: read alarm details to render alerts in Slack",
                },
                { parent: this },
            );
            new aws.iam.RolePolicyAttachment(
                childName(name, "chatbot-read-only"),
                { role: role.name, policyArn: cloudWatchReadOnlyPolicyArn(partition) },
                { parent: this },
            );
            const channel = new aws.chatbot.SlackChannelConfiguration(
                childName(name, "slack"),
                {
                    configurationName: chatbotConfigurationName(args.environment),
                    slackTeamId: alerting.slack.workspaceId,
                    slackChannelId: alerting.slack.channelId,
                    iamRoleArn: role.arn,
                    snsTopicArns: [topics.critical.arn, topics.warning.arn],
                    guardrailPolicyArns: args.chatbotGuardrailPolicyArns ?? [cloudWatchReadOnlyPolicyArn(partition)],
                    loggingLevel: "ERROR",
                },
                { parent: this },
            );
            slackChannelConfigurationArn = channel.chatConfigurationArn;
        }

        this.criticalTopicArn = topics.critical.arn;
        this.warningTopicArn = topics.warning.arn;
        this.topicArns = pulumi.all([topics.critical.arn, topics.warning.arn]);
        this.slackChannelConfigurationArn = slackChannelConfigurationArn;
        this.registerOutputs({
            criticalTopicArn: this.criticalTopicArn,
            warningTopicArn: this.warningTopicArn,
            topicArns: this.topicArns,
            slackChannelConfigurationArn: this.slackChannelConfigurationArn,
        });
    }
}
