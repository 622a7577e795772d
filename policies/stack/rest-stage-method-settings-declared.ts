import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { StackFinding, StackPolicyDefinition, StackResourceView } from "../lib/policy";
import { UNKNOWN } from "../lib/unknowns";
import { StackIndex, knownString } from "./stack-index";

/** Method settings path that applies to every method of a stage. */
export const ALL_METHODS_PATH = "*/*";

type Match = "yes" | "no" | "maybe";

/** Whether one field of the method settings refers to the stage (`maybe` while a value is unknown). */
function fieldMatch(index: StackIndex, settings: StackResourceView, stage: StackResourceView, field: "restApi" | "stageName"): Match {
    const ours = knownString(stage, field);
    const theirs = knownString(settings, field);
    if (typeof ours === "string" && typeof theirs === "string") {
        return ours === theirs ? "yes" : "no";
    }
    if (field === "stageName" && index.dependsOn(settings, "stageName", stage.urn)) {
        return "yes";
    }
    if (field === "restApi") {
        const apis = new Set(index.dependenciesOf(stage, "restApi", RESOURCE_TYPES.restApi).map((api) => api.urn));
        if (index.dependenciesOf(settings, "restApi", RESOURCE_TYPES.restApi).some((api) => apis.has(api.urn))) {
            return "yes";
        }
    }
    return ours === UNKNOWN || theirs === UNKNOWN ? "maybe" : "no";
}

/** `<restApi>/<stageName>` when both are known strings. */
function stageKey(resource: StackResourceView): string | undefined {
    const restApi = knownString(resource, "restApi");
    const stageName = knownString(resource, "stageName");
    return typeof restApi === "string" && typeof stageName === "string" ? `${restApi}\u0000${stageName}` : undefined;
}

function matchStage(index: StackIndex, settings: StackResourceView, stage: StackResourceView): Match {
    const path = knownString(settings, "methodPath");
    const pathMatch: Match = path === UNKNOWN ? "maybe" : path === ALL_METHODS_PATH ? "yes" : "no";
    const matches = [pathMatch, fieldMatch(index, settings, stage, "restApi"), fieldMatch(index, settings, stage, "stageName")];
    if (matches.includes("no")) {
        return "no";
    }
    return matches.includes("maybe") ? "maybe" : "yes";
}

export const restStageMethodSettingsDeclaredPolicy: StackPolicyDefinition = {
    kind: "stack",
    name: POLICY_NAMES.restStageMethodSettingsDeclared,
    description:
        'Every API Gateway REST API stage must have method settings for all methods ("*/*") in the stack, which is where execution logging and metrics are turned on (checked by rest-stage-execution-logging). Equivalent controls: AWS Security Hub APIGateway.1, Checkov CKV2_AWS_4.',
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["APIGateway.1", "CKV2_AWS_4"],
    fix: 'Declare aws.apigateway.MethodSettings with restApi and stageName of the stage, methodPath "*/*" and settings { loggingLevel, metricsEnabled: true }.',
    resourceTypes: [RESOURCE_TYPES.restStage],
    settings: [],
    checkStack(resources) {
        const index = new StackIndex(resources);
        const allSettings = index.ofType(RESOURCE_TYPES.restMethodSettings);
        // Where both sides name their API and stage as known strings, matching is plain
        // equality; indexing on that pair keeps the check linear. Settings with a value not
        // yet known can match any stage, so every stage still considers them.
        const keyed = new Map<string, StackResourceView[]>();
        const unkeyed: StackResourceView[] = [];
        for (const settings of allSettings) {
            const key = stageKey(settings);
            if (key === undefined) {
                unkeyed.push(settings);
            } else if (keyed.has(key)) {
                keyed.get(key)?.push(settings);
            } else {
                keyed.set(key, [settings]);
            }
        }
        const findings: StackFinding[] = [];
        for (const stage of index.ofType(RESOURCE_TYPES.restStage)) {
            const key = stageKey(stage);
            const candidates = key === undefined ? allSettings : [...(keyed.get(key) ?? []), ...unkeyed];
            const matches = candidates.map((settings) => matchStage(index, settings, stage));
            if (matches.includes("yes") || matches.includes("maybe")) {
                continue;
            }
            const stageName = knownString(stage, "stageName");
            findings.push({
                subject: stage,
                problem: 'it has no "*/*" method settings, so execution logging and metrics are off for its methods',
                found: `no MethodSettings with methodPath "*/*" for stage ${typeof stageName === "string" ? `"${stageName}"` : "(name not known)"}`,
                fix: 'declare aws.apigateway.MethodSettings for this stage with methodPath "*/*", settings.loggingLevel ERROR or INFO and settings.metricsEnabled true',
            });
        }
        return findings;
    },
};
