import { EXECUTION_LOGGING_LEVELS } from "../apigateway/rest-execution-logging";
import { describeValue } from "../lib/messages";
import { POLICY_NAMES, RESOURCE_TYPES } from "../lib/names";
import type { StackFinding, StackPolicyDefinition, StackResourceView } from "../lib/policy";
import { UNKNOWN, readPath } from "../lib/unknowns";
import { StackIndex, knownString } from "./stack-index";

/**
 * The API a v2 stage belongs to: through the dependency of its `apiId` (preview), else by id —
 * the `id` output, or the id inside the API's ARN or endpoint (live state, or after deployment).
 */
function apiOf(stage: StackResourceView, apis: readonly StackResourceView[], index: StackIndex): StackResourceView | undefined {
    const [linked] = index.dependenciesOf(stage, "apiId", RESOURCE_TYPES.v2Api);
    if (linked) {
        return linked;
    }
    const apiId = knownString(stage, "apiId");
    if (typeof apiId !== "string") {
        return undefined;
    }
    return apis.find((api) => {
        const id = knownString(api, "id");
        const arn = knownString(api, "arn");
        const endpoint = knownString(api, "apiEndpoint");
        return (
            id === apiId ||
            (typeof arn === "string" && arn.endsWith(`/apis/${apiId}`)) ||
            (typeof endpoint === "string" && endpoint.includes(`//${apiId}.`))
        );
    });
}

/**
 * A stack policy because a v2 stage does not say whether its API is HTTP or WebSocket, and
 * execution logging (`defaultRouteSettings.loggingLevel`) exists only for WebSocket APIs.
 * Stages whose API is not in the stack, or whose protocol is not known yet, are not judged.
 */
export const websocketExecutionLoggingPolicy: StackPolicyDefinition = {
    kind: "stack",
    name: POLICY_NAMES.websocketExecutionLogging,
    description:
        "API Gateway WebSocket API stages must turn execution logging on (defaultRouteSettings.loggingLevel ERROR or INFO). HTTP APIs have no execution logging and are not judged; the stage is joined to its API (protocolType) in the stack. Equivalent control: AWS Security Hub APIGateway.1.",
    enforcementLevel: "mandatory",
    severity: "high",
    controls: ["APIGateway.1"],
    fix: 'Set defaultRouteSettings: { loggingLevel: "ERROR" (prod) or "INFO" } on the WebSocket stage.',
    resourceTypes: [RESOURCE_TYPES.v2Stage],
    settings: [],
    checkStack(resources, config) {
        const index = new StackIndex(resources);
        const apis = index.ofType(RESOURCE_TYPES.v2Api);
        const findings: StackFinding[] = [];
        for (const stage of index.ofType(RESOURCE_TYPES.v2Stage)) {
            const api = apiOf(stage, apis, index);
            if (!api || readPath(api.props, "protocolType") !== "WEBSOCKET") {
                continue;
            }
            const level = readPath(stage.props, "defaultRouteSettings", "loggingLevel");
            if (level === UNKNOWN || EXECUTION_LOGGING_LEVELS.includes(level as string)) {
                continue;
            }
            findings.push({
                subject: stage,
                problem: "execution logging is off on this WebSocket stage",
                found: `defaultRouteSettings.loggingLevel ${describeValue(level)}`,
                fix: `set defaultRouteSettings.loggingLevel to ${config.environment === "prod" ? '"ERROR"' : '"INFO"'} (ERROR or INFO)`,
            });
        }
        return findings;
    },
};
