/** One thing wrong with the stack configuration. */
export interface ConfigProblem {
    /** Full config key, e.g. `observability:services[2].slo.availabilityPercent`. */
    key: string;
    /** The offending value (`"<secret>"` for secret settings, undefined when the key is missing). */
    value: unknown;
    /** What would be accepted. */
    allowed: string;
    /** One self-contained line naming the key, the value, what is wrong and what is allowed. */
    message: string;
}

/** Thrown once with every problem found, so that a user fixes the whole config in one pass. */
export class ConfigValidationError extends Error {
    readonly problems: readonly ConfigProblem[];

    constructor(problems: readonly ConfigProblem[]) {
        const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
        super(`Invalid stack configuration (${count}):\n${problems.map((p) => `  - ${p.message}`).join("\n")}`);
        this.name = "ConfigValidationError";
        this.problems = problems;
    }
}

/** Shown in place of any secret value: problems end up in CI logs. */
export const SECRET_PLACEHOLDER = "<secret>";

const MAX_SHOWN_LENGTH = 80;

/** A value as the user wrote it: strings quoted so that `"7"` and `7` are told apart. */
export function showValue(value: unknown): string {
    if (value === undefined) {
        return "(not set)";
    }
    if (typeof value === "number") {
        // JSON would print NaN and Infinity as null.
        return String(value);
    }
    const shown = JSON.stringify(value) ?? String(value);
    return shown.length > MAX_SHOWN_LENGTH ? `${shown.slice(0, MAX_SHOWN_LENGTH - 1)}…` : shown;
}

/** Collects problems; keys under a secret setting have their values hidden. */
export class ProblemList {
    private readonly found: ConfigProblem[] = [];

    constructor(private readonly secretKeys: readonly string[] = []) {}

    add(key: string, value: unknown, reason: string, allowed: string): void {
        const shownValue = this.isSecret(key) ? SECRET_PLACEHOLDER : value;
        const shown = this.isSecret(key) ? SECRET_PLACEHOLDER : showValue(value);
        this.found.push({ key, value: shownValue, allowed, message: `${key} = ${shown}: ${reason}; allowed: ${allowed}` });
    }

    get problems(): readonly ConfigProblem[] {
        return this.found;
    }

    private isSecret(key: string): boolean {
        return this.secretKeys.some((secret) => key === secret || key.startsWith(`${secret}.`) || key.startsWith(`${secret}[`));
    }
}
