import { RESOURCE_TYPES } from "./names";
import { UNKNOWN } from "./unknowns";

/**
 * The one shape of every violation message: which resource, what is wrong, the value found and
 * the fix. The pack, the offline preview and the auditor all print these strings.
 */

export interface Finding {
    /** What is wrong, e.g. "X-Ray tracing is not Active". */
    problem: string;
    /** The value found, already described (see `describeValue`). */
    found: string;
    /** What to change. */
    fix: string;
}

const RESOURCE_KINDS: Readonly<Record<string, string>> = {
    [RESOURCE_TYPES.lambdaFunction]: "Lambda function",
    [RESOURCE_TYPES.logGroup]: "log group",
    [RESOURCE_TYPES.restStage]: "REST API stage",
    [RESOURCE_TYPES.restMethodSettings]: "REST API method settings",
    [RESOURCE_TYPES.v2Stage]: "HTTP/WebSocket API stage",
    [RESOURCE_TYPES.v2Api]: "HTTP/WebSocket API",
};

export interface ResourceLabel {
    type: string;
    name: string;
    urn?: string;
}

/** `Lambda function "orders" (urn:pulumi:…)`: the kind, the name, and the URN when there is one. */
export function describeResource(resource: ResourceLabel): string {
    const kind = RESOURCE_KINDS[resource.type] ?? resource.type;
    return resource.urn ? `${kind} "${resource.name}" (${resource.urn})` : `${kind} "${resource.name}"`;
}

/** A property value as a message shows it: `not set`, `"Text"`, `0`, `{"mode":"PassThrough"}`. */
export function describeValue(value: unknown): string {
    if (value === undefined || value === null) {
        return "not set";
    }
    if (value === UNKNOWN) {
        return "not known yet";
    }
    if (typeof value === "string") {
        return JSON.stringify(value);
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    try {
        return JSON.stringify(value);
    } catch {
        return String(value);
    }
}

export function violationMessage(resource: ResourceLabel, finding: Finding, note?: string): string {
    const message = `${describeResource(resource)}: ${finding.problem} (found: ${finding.found}). Fix: ${finding.fix}`;
    return note ? `${message} ${note}` : message;
}
