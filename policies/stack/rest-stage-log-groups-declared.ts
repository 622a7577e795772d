import { restExecutionLogGroupName } from "../rules/cloudwatch";
import { retentionFinding } from "../logs/retention";
import type { GuardrailConfig } from "../lib/config";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { StackFinding, StackPolicyDefinition, StackResourceView } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";
import { StackIndex, knownString } from "./stack-index";

function declaredGroupFinding(
    stage: StackResourceView,
    role: string,
    group: StackResourceView,
    config: GuardrailConfig,
): StackFinding | undefined {
    const retention = retentionFinding(readPath(group.props, "retentionInDays"), config);
    if (!retention) {
        return undefined;
    }
    return {
        subject: stage,
        problem: `its ${role} "${group.name}" is declared but ${retention.problem}`,
        found: retention.found,
        fix: `on log group "${group.name}", ${retention.fix}`,
    };
}

function accessLogFinding(stage: StackResourceView, index: StackIndex, config: GuardrailConfig): StackFinding | undefined {
    const destination = knownString(stage, "accessLogSettings", "destinationArn");
    if (destination === undefined) {
        // A stage without a destination is the rest-stage-access-logs policy's finding.
        return undefined;
    }
    const group =
        destination === UNKNOWN
            ? index.dependenciesOf(stage, "accessLogSettings", RESOURCE_TYPES.logGroup)[0]
            : index.logGroupWithArn(destination);
    if (group) {
        return declaredGroupFinding(stage, "access-log group", group, config);
    }
    if (destination === UNKNOWN || index.hasUnnamedLogGroup) {
        return undefined;
    }
    return {
        subject: stage,
        problem: "its access-log destination is not a log group declared in this stack, so its retention is not managed here",
        found: `accessLogSettings.destinationArn "${destination}"`,
        fix: `declare the log group in this stack with retentionInDays of at least ${config.minimumRetentionDays} and use its ARN`,
    };
}

function executionLogFinding(stage: StackResourceView, index: StackIndex, config: GuardrailConfig): StackFinding | undefined {
    const restApi = knownString(stage, "restApi");
    const stageName = knownString(stage, "stageName");
    if (typeof restApi !== "string" || typeof stageName !== "string") {
        return undefined;
    }
    const expected = restExecutionLogGroupName(restApi, stageName);
    const group = index.logGroupNamed(expected);
    if (group) {
        return declaredGroupFinding(stage, "execution-log group", group, config);
    }
    if (index.hasUnnamedLogGroup) {
        return undefined;
    }
    return {
        subject: stage,
        problem: `its execution-log group ${expected} is not declared in this stack, so API Gateway creates it with no retention (never expires)`,
        found: `no LogGroup named ${expected}`,
        fix: `declare an aws.cloudwatch.LogGroup named ${expected} with retentionInDays of at least ${config.minimumRetentionDays}`,
    };
}

export const restStageLogGroupsDeclaredPolicy: StackPolicyDefinition = {
    kind: "stack",
    name: POLICY_NAMES.restStageLogGroupsDeclared,
    description:
        "Every API Gateway REST API stage's access-log destination and its execution-log group (API-Gateway-Execution-Logs_<api id>/<stage>) must be log groups declared in the stack with a compliant retention; otherwise API Gateway creates them and they never expire. Equivalent controls: AWS Security Hub CloudWatch.16, Checkov CKV_AWS_338 (applied to the stage's log groups).",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["CloudWatch.16", "CKV_AWS_338"],
    fix: "Declare the access-log group and API-Gateway-Execution-Logs_<api id>/<stage> as aws.cloudwatch.LogGroup resources with retentionInDays of at least the environment minimum.",
    resourceTypes: [RESOURCE_TYPES.restStage],
    settings: ["minimumRetentionDays"],
    checkStack(resources, config) {
        const index = new StackIndex(resources);
        const findings: StackFinding[] = [];
        for (const stage of index.ofType(RESOURCE_TYPES.restStage)) {
            for (const finding of [accessLogFinding(stage, index, config), executionLogFinding(stage, index, config)]) {
                if (finding) {
                    findings.push(finding);
                }
            }
        }
        return findings;
    },
};
