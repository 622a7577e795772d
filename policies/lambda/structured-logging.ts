import type { GuardrailConfig } from "../lib/config";
import { describeValue, type Finding } from "../lib/messages";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";

/** The level a remediation sets: INFO (Lambda's own default for JSON logs) when allowed. */
function preferredLevel(allowed: readonly string[]): string {
    return allowed.includes("INFO") ? "INFO" : allowed[0];
}

function levelFinding(property: string, level: unknown, allowed: readonly string[], config: GuardrailConfig): Finding | undefined {
    if (level === UNKNOWN) {
        return undefined;
    }
    if (typeof level !== "string" || level === "") {
        return {
            problem: `${property} is not set, so the level is not chosen deliberately`,
            found: `${property} ${describeValue(level)}`,
            fix: `set ${property} to one of ${allowed.join(", ")}`,
        };
    }
    if (!allowed.includes(level)) {
        return {
            problem: `${property} ${level} is not allowed in ${config.environment}`,
            found: `${property} ${describeValue(level)}`,
            fix: `set ${property} to one of ${allowed.join(", ")}`,
        };
    }
    return undefined;
}

export const lambdaStructuredLoggingPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.lambdaStructuredLogging,
    description:
        "Lambda functions must write structured JSON logs (loggingConfig.logFormat = JSON) with application and system log levels set to levels allowed in the environment, so that logs can be queried by field. Equivalent control: AWS Config rule lambda-function-log-format-json.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["lambda-function-log-format-json"],
    fix: 'Set loggingConfig: { logFormat: "JSON", applicationLogLevel: "INFO", systemLogLevel: "INFO" } (levels allowed in the environment).',
    resourceTypes: [RESOURCE_TYPES.lambdaFunction],
    settings: ["allowedApplicationLogLevels", "allowedSystemLogLevels"],
    check(resource, config) {
        const format = readPath(resource.props, "loggingConfig", "logFormat");
        if (format === UNKNOWN) {
            return [];
        }
        if (format !== "JSON") {
            return [
                {
                    problem: "logs are not structured JSON",
                    found: `loggingConfig.logFormat ${describeValue(format)}`,
                    fix: `set loggingConfig.logFormat to "JSON" with applicationLogLevel ${preferredLevel(config.allowedApplicationLogLevels)} and systemLogLevel ${preferredLevel(config.allowedSystemLogLevels)}`,
                },
            ];
        }
        const findings: Finding[] = [];
        const application = levelFinding(
            "loggingConfig.applicationLogLevel",
            readPath(resource.props, "loggingConfig", "applicationLogLevel"),
            config.allowedApplicationLogLevels,
            config,
        );
        const system = levelFinding(
            "loggingConfig.systemLogLevel",
            readPath(resource.props, "loggingConfig", "systemLogLevel"),
            config.allowedSystemLogLevels,
            config,
        );
        for (const finding of [application, system]) {
            if (finding) {
                findings.push(finding);
            }
        }
        return findings;
    },
    remediate(resource, config) {
        const format = readPath(resource.props, "loggingConfig", "logFormat");
        const application = readPath(resource.props, "loggingConfig", "applicationLogLevel");
        const system = readPath(resource.props, "loggingConfig", "systemLogLevel");
        const keepApplication = typeof application === "string" && config.allowedApplicationLogLevels.includes(application);
        const keepSystem = typeof system === "string" && config.allowedSystemLogLevels.includes(system);
        if ([format, application, system].includes(UNKNOWN) || (format === "JSON" && keepApplication && keepSystem)) {
            return undefined;
        }
        return {
            loggingConfig: {
                logFormat: "JSON",
                applicationLogLevel: keepApplication ? application : preferredLevel(config.allowedApplicationLogLevels),
                systemLogLevel: keepSystem ? system : preferredLevel(config.allowedSystemLogLevels),
            },
        };
    },
};
