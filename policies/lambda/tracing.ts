import { describeValue } from "../lib/messages";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { ResourcePolicyDefinition } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";

export const lambdaTracingPolicy: ResourcePolicyDefinition = {
    kind: "resource",
    name: POLICY_NAMES.lambdaTracing,
    description:
        "Lambda functions must have AWS X-Ray active tracing (tracingConfig.mode = Active) so that every request can be followed end to end. Equivalent controls: AWS Security Hub Lambda.7, Checkov CKV_AWS_50.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["Lambda.7", "CKV_AWS_50"],
    fix: 'Set tracingConfig: { mode: "Active" } and grant the role xray:PutTraceSegments and xray:PutTelemetryRecords.',
    resourceTypes: [RESOURCE_TYPES.lambdaFunction],
    settings: [],
    check(resource) {
        const mode = readPath(resource.props, "tracingConfig", "mode");
        if (mode === UNKNOWN || mode === "Active") {
            return [];
        }
        return [
            {
                problem: "X-Ray tracing is not Active",
                found: `tracingConfig.mode ${describeValue(mode)}`,
                fix: 'set tracingConfig.mode to "Active"',
            },
        ];
    },
    remediate(resource) {
        const mode = readPath(resource.props, "tracingConfig", "mode");
        // An unknown mode may well turn out Active; overwriting it would change the program's intent.
        return mode === UNKNOWN || mode === "Active" ? undefined : { tracingConfig: { mode: "Active" } };
    },
};
