import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { accessLogSettingsFindings } from "./access-log-settings";

export const v2StageAccessLogsPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.v2StageAccessLogs,
    description:
        "API Gateway HTTP and WebSocket API stages must write access logs (accessLogSettings with a destination) in a JSON format carrying the required $context variables (by default request id and status). X-Ray tracing does not exist for HTTP and WebSocket APIs, so this policy does not ask for it. Equivalent controls: AWS Security Hub APIGateway.9, Checkov CKV_AWS_95.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["APIGateway.9", "CKV_AWS_95"],
    fix: 'Set accessLogSettings: { destinationArn: <log group ARN>, format: JSON such as {"requestId":"$context.requestId","status":$context.status} }.',
    resourceTypes: [RESOURCE_TYPES.v2Stage],
    settings: ["requiredAccessLogFields"],
    check(resource, config) {
        return accessLogSettingsFindings(resource.props, config.requiredAccessLogFields.v2);
    },
};
