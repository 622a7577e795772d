import { CLOUDWATCH_RETENTION_DAYS, isCloudWatchRetention, suggestedRetention } from "../rules/cloudwatch";
import type { GuardrailConfig } from "../lib/config";
import { describeValue, type Finding } from "../lib/messages";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";

/**
 * What is wrong with a log group's `retentionInDays`, or undefined when it complies or is not
 * known yet. The stack policies judge declared log groups with this same function.
 */
export function retentionFinding(retention: unknown, config: GuardrailConfig): Finding | undefined {
    if (retention === UNKNOWN) {
        return undefined;
    }
    const fix = `set retentionInDays to ${suggestedRetention(retention, config.minimumRetentionDays)} (the smallest accepted value of at least ${config.minimumRetentionDays} days, the ${config.environment} minimum)`;
    const found = `retentionInDays ${describeValue(retention)}`;
    if (retention === undefined || retention === null || retention === 0) {
        return { problem: "logs never expire (no retention set), so they are kept and paid for forever", found, fix };
    }
    if (!isCloudWatchRetention(retention)) {
        return { problem: `${describeValue(retention)} days is not a retention CloudWatch accepts (${CLOUDWATCH_RETENTION_DAYS.join(", ")})`, found, fix };
    }
    if (retention < config.minimumRetentionDays) {
        return {
            problem: `retention of ${retention} days is shorter than the ${config.environment} minimum of ${config.minimumRetentionDays} days`,
            found,
            fix,
        };
    }
    return undefined;
}

export const logGroupRetentionPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.logGroupRetention,
    description:
        "CloudWatch log groups must set retentionInDays to a value CloudWatch accepts and at least the environment's minimum; 0 or unset (never expire) is a violation. Equivalent controls: AWS Security Hub CloudWatch.16, Checkov CKV_AWS_66 and CKV_AWS_338.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["CloudWatch.16", "CKV_AWS_66", "CKV_AWS_338"],
    fix: "Set retentionInDays to an accepted value (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653) of at least the environment minimum.",
    resourceTypes: [RESOURCE_TYPES.logGroup],
    settings: ["minimumRetentionDays"],
    check(resource, config) {
        const finding = retentionFinding(readPath(resource.props, "retentionInDays"), config);
        return finding ? [finding] : [];
    },
    remediate(resource, config) {
        const retention = readPath(resource.props, "retentionInDays");
        if (retentionFinding(retention, config) === undefined) {
            return undefined;
        }
        return { retentionInDays: suggestedRetention(retention, config.minimumRetentionDays) };
    },
};
