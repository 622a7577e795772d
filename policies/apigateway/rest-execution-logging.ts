import { API_GATEWAY_EXECUTION_LOGGING_LEVELS } from "../rules/cloudwatch";
import { describeValue, type Finding } from "../lib/messages";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";

/** Execution logging levels that actually log (OFF does not). */
export const EXECUTION_LOGGING_LEVELS: readonly string[] = API_GATEWAY_EXECUTION_LOGGING_LEVELS;

export const restExecutionLoggingPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.restExecutionLogging,
    description:
        "API Gateway REST API method settings must turn execution logging on (settings.loggingLevel ERROR or INFO) and CloudWatch metrics on (settings.metricsEnabled), and in prod keep full request/response data tracing off (settings.dataTraceEnabled), which would log payloads. Equivalent controls: AWS Security Hub APIGateway.1, Checkov CKV2_AWS_4 and CKV_AWS_276.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["APIGateway.1", "CKV2_AWS_4", "CKV_AWS_276"],
    fix: 'Set settings: { loggingLevel: "ERROR" (prod) or "INFO", metricsEnabled: true, dataTraceEnabled: false } on the stage\'s "*/*" method settings.',
    resourceTypes: [RESOURCE_TYPES.restMethodSettings],
    settings: [],
    check(resource, config) {
        const findings: Finding[] = [];
        const level = readPath(resource.props, "settings", "loggingLevel");
        if (level !== UNKNOWN && !EXECUTION_LOGGING_LEVELS.includes(level as string)) {
            findings.push({
                problem: "execution logging is off",
                found: `settings.loggingLevel ${describeValue(level)}`,
                fix: `set settings.loggingLevel to ${config.environment === "prod" ? '"ERROR"' : '"INFO"'} (ERROR or INFO)`,
            });
        }
        const metrics = readPath(resource.props, "settings", "metricsEnabled");
        if (metrics !== UNKNOWN && metrics !== true) {
            findings.push({
                problem: "CloudWatch metrics are off",
                found: `settings.metricsEnabled ${describeValue(metrics)}`,
                fix: "set settings.metricsEnabled to true",
            });
        }
        const dataTrace = readPath(resource.props, "settings", "dataTraceEnabled");
        if (config.environment === "prod" && dataTrace === true) {
            findings.push({
                problem: "data tracing logs full requests and responses in prod",
                found: "settings.dataTraceEnabled true",
                fix: "set settings.dataTraceEnabled to false",
            });
        }
        return findings;
    },
};
