import { paginateDescribeLogGroups, type CloudWatchLogsClient, type LogGroup } from "@aws-sdk/client-cloudwatch-logs";

/**
 * Every log group of a region (retention, KMS key), read once and joined in memory to the
 * functions and stages that write to them.
 */
export async function listLogGroups(client: CloudWatchLogsClient): Promise<LogGroup[]> {
    const groups: LogGroup[] = [];
    for await (const page of paginateDescribeLogGroups({ client, pageSize: 50 }, {})) {
        groups.push(...(page.logGroups ?? []));
    }
    return groups;
}
