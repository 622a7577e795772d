import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { accessLogSettingsFindings } from "./access-log-settings";

export const restStageAccessLogsPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.restStageAccessLogs,
    description:
        "API Gateway REST API stages must write access logs (accessLogSettings with a destination) in a JSON format carrying the required $context variables (by default request id, X-Ray trace id, status and latency). Equivalent controls: Checkov CKV_AWS_76, cdk-nag AwsSolutions-APIG1, Serverless-APIGWStructuredLogging.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["CKV_AWS_76", "AwsSolutions-APIG1", "Serverless-APIGWStructuredLogging"],
    fix: 'Set accessLogSettings: { destinationArn: <log group ARN>, format: JSON such as {"requestId":"$context.requestId","traceId":"$context.xrayTraceId","status":$context.status,"latency":$context.responseLatency} }.',
    resourceTypes: [RESOURCE_TYPES.restStage],
    settings: ["requiredAccessLogFields"],
    check(resource, config) {
        return accessLogSettingsFindings(resource.props, config.requiredAccessLogFields.rest);
    },
};
