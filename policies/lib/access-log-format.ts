/**
 * Checks an API Gateway access-log format: it must be a JSON object and contain every required
 * `$context` variable.
 *
 * API Gateway substitutes variables textually, so numbers are often written unquoted
 * (`"status":$context.status`) and the template itself is not JSON. Every `$context.x` token is
 * therefore replaced by a number before parsing: inside quotes that stays a string, outside it
 * becomes a number, and both forms parse. Common Log Format, XML and CSV templates do not
 * parse and are rejected.
 */

/** `$context.requestId`, `$context.identity.sourceIp`, `$context.authorizer.claims.sub`… */
const CONTEXT_TOKEN = /\$context\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*/g;

export type AccessLogFormatVerdict =
    | { valid: true; variables: ReadonlySet<string> }
    | { valid: false; problem: string; missing: readonly string[] };

/** The `$context` variables a template uses. */
export function contextVariables(format: string): Set<string> {
    return new Set(format.match(CONTEXT_TOKEN) ?? []);
}

function parsesAsJsonObject(format: string): boolean {
    try {
        const parsed: unknown = JSON.parse(format.replace(CONTEXT_TOKEN, "0"));
        return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
    } catch {
        return false;
    }
}

export function checkAccessLogFormat(format: unknown, required: readonly string[]): AccessLogFormatVerdict {
    if (typeof format !== "string" || format.trim() === "") {
        return { valid: false, problem: "no access-log format is set", missing: [...required] };
    }
    const variables = contextVariables(format);
    const missing = required.filter((variable) => !variables.has(variable));
    if (!parsesAsJsonObject(format)) {
        return {
            valid: false,
            problem: "the access-log format is not a JSON object (CLF, XML and CSV cannot be queried as structured logs)",
            missing,
        };
    }
    if (missing.length > 0) {
        return { valid: false, problem: `the access-log format lacks ${missing.join(", ")}`, missing };
    }
    return { valid: true, variables };
}

/** A compliant JSON format carrying `variables`, offered in fixes. */
export function exampleAccessLogFormat(variables: readonly string[]): string {
    const entries = variables.map((variable) => {
        const key = variable.slice("$context.".length).replace(/\./g, "_");
        return `"${key}":"${variable}"`;
    });
    return `{${entries.join(",")}}`;
}
