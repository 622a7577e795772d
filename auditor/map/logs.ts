import type { LogGroup } from "@aws-sdk/client-cloudwatch-logs";
import { RESOURCE_TYPES } from "../../policies/lib/names";
import type { StackResourceView } from "../../policies/lib/policy";
import { compact } from "./props";

/** The log group's ARN without the `:*` suffix DescribeLogGroups' `arn` carries. */
export function logGroupArn(group: LogGroup): string {
    return group.logGroupArn ?? group.arn!.replace(/:\*$/, "");
}

/** A log group in the shape of `aws.cloudwatch.LogGroup` (never-expire groups have no `retentionInDays`). */
export function logGroupView(group: LogGroup, tags: Record<string, string>): StackResourceView {
    const arn = logGroupArn(group);
    return {
        type: RESOURCE_TYPES.logGroup,
        name: group.logGroupName!,
        urn: arn,
        props: compact({
            name: group.logGroupName,
            arn,
            retentionInDays: group.retentionInDays,
            kmsKeyId: group.kmsKeyId,
            logGroupClass: group.logGroupClass,
            tags,
        }),
    };
}
