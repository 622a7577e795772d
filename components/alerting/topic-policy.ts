/**
 * Resource policy of an alert topic: CloudWatch alarms of this account (and only those) may
 * publish; the account may administer the topic; nobody may use it without TLS.
 */
export interface TopicPolicyParams {
    topicArn: string;
    accountId: string;
    region: string;
    partition: string;
}

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal: { Service: string } | { AWS: string } | "*";
    Action: string | string[];
    Resource: string;
    Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** What the account's own principals may do with the topic; publishing is left to CloudWatch. */
export const TOPIC_ADMIN_ACTIONS = [
    "sns:GetTopicAttributes",
    "sns:SetTopicAttributes",
    "sns:AddPermission",
    "sns:RemovePermission",
    "sns:DeleteTopic",
    "sns:Subscribe",
    "sns:ListSubscriptionsByTopic",
    "sns:TagResource",
    "sns:UntagResource",
    "sns:ListTagsForResource",
] as const;

export function alertTopicPolicy({ topicArn, accountId, region, partition }: TopicPolicyParams): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AllowCloudWatchAlarmsOfThisAccountToPublish",
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: "sns:Publish",
                Resource: topicArn,
                // Both keys guard against the confused deputy: another account's alarms cannot publish.
                Condition: {
                    StringEquals: { "aws:SourceAccount": accountId },
                    ArnLike: { "aws:SourceArn": `arn:${partition}:cloudwatch:${region}:${accountId}:alarm:*` },
                },
            },
            {
                Sid: "AllowAccountToAdministerTopic",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: [...TOPIC_ADMIN_ACTIONS],
                Resource: topicArn,
            },
            {
                Sid: "DenyInsecureTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:*",
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    };
}
