import { ServiceConfig, TracingConfig } from "../../config/types";
import { XRAY_RULE_NAME_MAX_LENGTH } from "../../policies/rules/cloudwatch";
import { estateSamplingRuleName, serviceSamplingRuleName } from "../naming";

/**
 * The X-Ray sampling rules of an environment as data. X-Ray applies the matching rule with the
 * lowest priority number, so the order is: never-sampled probe paths first (a service override
 * must not resurrect health checks), then per-service overrides, then the default.
 */
export interface SamplingRuleSpec {
    ruleName: string;
    priority: number;
    fixedRate: number;
    reservoirSize: number;
    serviceName: string;
    serviceType: string;
    urlPath: string;
}

export const UNSAMPLED_PRIORITY_START = 1;
export const SERVICE_PRIORITY_START = 100;
/** Below X-Ray's own `Default` rule (10000), above everything the estate declares. */
export const DEFAULT_RULE_PRIORITY = 9000;

const MATCH_ALL = "*";

/** `/health` → `health`, `/api/v1/ready` → `api-v1-ready`. */
export function pathSlug(path: string): string {
    const slug = path
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    return slug === "" ? "root" : slug;
}

function checked(ruleName: string, what: string): string {
    if (ruleName.length > XRAY_RULE_NAME_MAX_LENGTH) {
        throw new Error(
            `X-Ray sampling rule name "${ruleName}" for ${what} is ${ruleName.length} characters long; at most ${XRAY_RULE_NAME_MAX_LENGTH} are allowed`,
        );
    }
    return ruleName;
}

/**
 * The name X-Ray records for a service's entry segment: API Gateway names the stage segment
 * `<api name>/<stage>`; Lambda names it after the function.
 */
export function serviceSegmentNames(service: ServiceConfig): string[] {
    return service.kind === "api" ? [`${service.apiName}/${service.apiStage}`] : service.functionNames;
}

export function samplingRuleSpecs(environment: string, tracing: TracingConfig, services: readonly ServiceConfig[]): SamplingRuleSpec[] {
    // One rule per path because a rule matches a single URL path pattern; a combined wildcard
    // would also silence real routes that merely share a prefix.
    const unsampled = tracing.unsampledPaths.map((path, index): SamplingRuleSpec => ({
        ruleName: checked(estateSamplingRuleName(environment, `unsampled-${pathSlug(path)}`), `unsampled path ${path}`),
        priority: UNSAMPLED_PRIORITY_START + index,
        fixedRate: 0,
        reservoirSize: 0,
        serviceName: MATCH_ALL,
        serviceType: MATCH_ALL,
        urlPath: path,
    }));
    const overrides = services
        .filter((service) => service.samplingRate !== undefined)
        .flatMap((service) =>
            serviceSegmentNames(service).map((segmentName, index, all) => ({
                service,
                segmentName,
                ruleName:
                    all.length > 1
                        ? serviceSamplingRuleName(environment, `${service.name}-${index + 1}`)
                        : serviceSamplingRuleName(environment, service.name),
            })),
        )
        .map(({ service, segmentName, ruleName }, index): SamplingRuleSpec => ({
            ruleName: checked(ruleName, `service ${service.name}`),
            priority: SERVICE_PRIORITY_START + index,
            fixedRate: service.samplingRate as number,
            reservoirSize: tracing.reservoirPerSecond,
            serviceName: segmentName,
            serviceType: MATCH_ALL,
            urlPath: MATCH_ALL,
        }));
    if (overrides.length > DEFAULT_RULE_PRIORITY - SERVICE_PRIORITY_START) {
        throw new Error(`${overrides.length} per-service sampling rules do not fit below the default rule's priority ${DEFAULT_RULE_PRIORITY}`);
    }
    const fallback: SamplingRuleSpec = {
        ruleName: checked(estateSamplingRuleName(environment, "default"), "the default rule"),
        priority: DEFAULT_RULE_PRIORITY,
        fixedRate: tracing.samplingRate,
        reservoirSize: tracing.reservoirPerSecond,
        serviceName: MATCH_ALL,
        serviceType: MATCH_ALL,
        urlPath: MATCH_ALL,
    };
    const rules = [...unsampled, ...overrides, fallback];
    const names = rules.map((rule) => rule.ruleName);
    const clash = names.find((ruleName, index) => names.indexOf(ruleName) !== index);
    if (clash !== undefined) {
        throw new Error(`two X-Ray sampling rules would be named "${clash}"; unsampled paths must differ in more than punctuation and case`);
    }
    if (unsampled.length >= SERVICE_PRIORITY_START) {
        throw new Error(`${unsampled.length} unsampled paths do not fit below the service rules' priority ${SERVICE_PRIORITY_START}`);
    }
    return rules;
}
