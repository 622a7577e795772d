import { describeValue } from "../lib/messages";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";

export const restStageTracingPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.restStageTracing,
    description:
        "API Gateway REST API stages must have X-Ray tracing enabled (xrayTracingEnabled = true) so that traces start at the edge. Equivalent controls: AWS Security Hub APIGateway.3, Checkov CKV_AWS_73.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["APIGateway.3", "CKV_AWS_73"],
    fix: "Set xrayTracingEnabled: true on the stage.",
    resourceTypes: [RESOURCE_TYPES.restStage],
    settings: [],
    check(resource) {
        const enabled = readPath(resource.props, "xrayTracingEnabled");
        if (enabled === UNKNOWN || enabled === true) {
            return [];
        }
        return [{ problem: "X-Ray tracing is off", found: `xrayTracingEnabled ${describeValue(enabled)}`, fix: "set xrayTracingEnabled to true" }];
    },
    remediate(resource) {
        const enabled = readPath(resource.props, "xrayTracingEnabled");
        return enabled === UNKNOWN || enabled === true ? undefined : { xrayTracingEnabled: true };
    },
};
