import { ProblemList } from "./problems";

/**
 * Typed readers over untrusted config values. Each reader returns the value when it is valid,
 * and otherwise records a problem and returns undefined, so that checking always carries on and
 * every problem of the config is found in one pass.
 */

export interface Presence {
    /** Report a missing value as a problem (otherwise missing means "use the default"). */
    required?: boolean;
}

export interface NumberRule extends Presence {
    integer?: boolean;
    min?: number;
    minExclusive?: boolean;
    max?: number;
    maxExclusive?: boolean;
    /** Why the bounds are what they are; appended to the allowed text. */
    why?: string;
    /** Replaces the generated allowed text when the rule says more than its bounds. */
    allowed?: string;
}

export interface StringRule extends Presence {
    /** What is accepted, in words (the check itself is `pattern` and/or `accepts`). */
    allowed: string;
    pattern?: RegExp;
    accepts?: (value: string) => boolean;
}

export interface StringListRule extends StringRule {
    /** Compare entries case-insensitively when looking for duplicates (e-mail addresses). */
    caseInsensitive?: boolean;
}

export function describeNumberRule(rule: NumberRule): string {
    if (rule.allowed !== undefined) {
        return rule.allowed;
    }
    const kind = rule.integer ? "an integer" : "a finite number";
    let bounds: string;
    if (rule.min !== undefined && rule.max !== undefined && !rule.minExclusive && !rule.maxExclusive) {
        bounds = ` from ${rule.min} to ${rule.max}`;
    } else {
        const parts: string[] = [];
        if (rule.min !== undefined) {
            parts.push(rule.minExclusive ? `greater than ${rule.min}` : `of at least ${rule.min}`);
        }
        if (rule.max !== undefined) {
            parts.push(rule.maxExclusive ? `less than ${rule.max}` : `at most ${rule.max}`);
        }
        bounds = parts.length > 0 ? ` ${parts.join(" and ")}` : "";
    }
    return `${kind}${bounds}${rule.why ? ` (${rule.why})` : ""}`;
}

function describeType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    switch (typeof value) {
        case "object":
            return "an object";
        case "string":
            return "a string";
        case "number":
            return "a number";
        case "boolean":
            return "a boolean";
        default:
            return `a ${typeof value}`;
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function childKey(parent: string, child: string | number): string {
    return typeof child === "number" ? `${parent}[${child}]` : `${parent}.${child}`;
}

export class FieldReader {
    constructor(readonly problems: ProblemList) {}

    /** True when the value is absent; records a problem if it was required. */
    private absent(key: string, value: unknown, allowed: string, presence: Presence): boolean {
        if (value !== undefined) {
            return false;
        }
        if (presence.required) {
            this.problems.add(key, value, "is required", allowed);
        }
        return true;
    }

    private wrongType(key: string, value: unknown, allowed: string): undefined {
        this.problems.add(key, value, `wrong type: ${describeType(value)}`, allowed);
        return undefined;
    }

    /**
     * An object whose keys must all be known. `hints` explain specific wrong keys better than
     * the list of allowed keys can (e.g. a setting that lives elsewhere).
     */
    object(
        key: string,
        value: unknown,
        allowedKeys: readonly string[],
        options: Presence & { hints?: Readonly<Record<string, string>> } = {},
    ): Record<string, unknown> | undefined {
        const allowed = `an object with the keys ${allowedKeys.join(", ")}`;
        if (this.absent(key, value, allowed, options)) {
            return undefined;
        }
        if (!isPlainObject(value)) {
            return this.wrongType(key, value, allowed);
        }
        for (const name of Object.keys(value)) {
            if (!allowedKeys.includes(name)) {
                const hint = options.hints?.[name];
                this.problems.add(
                    childKey(key, name),
                    value[name],
                    hint ? `unknown key (${hint})` : "unknown key",
                    `the keys ${allowedKeys.join(", ")}`,
                );
            }
        }
        return value;
    }

    number(key: string, value: unknown, rule: NumberRule): number | undefined {
        const allowed = describeNumberRule(rule);
        if (this.absent(key, value, allowed, rule)) {
            return undefined;
        }
        if (typeof value !== "number") {
            return this.wrongType(key, value, allowed);
        }
        let reason: string | undefined;
        if (!Number.isFinite(value)) {
            reason = "is not a finite number";
        } else if (rule.integer && !Number.isInteger(value)) {
            reason = "is not an integer";
        } else if (rule.min !== undefined && (rule.minExclusive ? value <= rule.min : value < rule.min)) {
            reason = "is too small";
        } else if (rule.max !== undefined && (rule.maxExclusive ? value >= rule.max : value > rule.max)) {
            reason = "is too large";
        }
        if (reason !== undefined) {
            this.problems.add(key, value, reason, allowed);
            return undefined;
        }
        return value;
    }

    string(key: string, value: unknown, rule: StringRule): string | undefined {
        if (this.absent(key, value, rule.allowed, rule)) {
            return undefined;
        }
        if (typeof value !== "string") {
            return this.wrongType(key, value, rule.allowed);
        }
        if ((rule.pattern && !rule.pattern.test(value)) || (rule.accepts && !rule.accepts(value))) {
            this.problems.add(key, value, "is not valid", rule.allowed);
            return undefined;
        }
        return value;
    }

    boolean(key: string, value: unknown, presence: Presence = {}): boolean | undefined {
        const allowed = "true or false";
        if (this.absent(key, value, allowed, presence)) {
            return undefined;
        }
        return typeof value === "boolean" ? value : this.wrongType(key, value, allowed);
    }

    oneOf<T extends string>(key: string, value: unknown, options: readonly T[], presence: Presence = {}): T | undefined {
        const allowed = `one of ${options.join(", ")}`;
        if (this.absent(key, value, allowed, presence)) {
            return undefined;
        }
        if (typeof value !== "string") {
            return this.wrongType(key, value, allowed);
        }
        if (!(options as readonly string[]).includes(value)) {
            this.problems.add(key, value, "is not a known value", allowed);
            return undefined;
        }
        return value as T;
    }

    /** A list whose items are read one by one; invalid items are left out of the result. */
    list<T>(
        key: string,
        value: unknown,
        itemAllowed: string,
        readItem: (itemKey: string, item: unknown) => T | undefined,
        presence: Presence = {},
    ): T[] | undefined {
        const allowed = `a list of ${itemAllowed}`;
        if (this.absent(key, value, allowed, presence)) {
            return undefined;
        }
        if (!Array.isArray(value)) {
            return this.wrongType(key, value, allowed);
        }
        const items: T[] = [];
        value.forEach((item, index) => {
            const read = readItem(childKey(key, index), item);
            if (read !== undefined) {
                items.push(read);
            }
        });
        return items;
    }

    /** A list of distinct strings; a repeated entry is reported at its later position. */
    stringList(key: string, value: unknown, rule: StringListRule): string[] | undefined {
        const items = this.list(key, value, rule.allowed, (itemKey, item) => {
            const read = this.string(itemKey, item, { ...rule, required: true });
            return read === undefined ? undefined : { itemKey, read };
        }, rule);
        if (items === undefined) {
            return undefined;
        }
        this.reportDuplicates(
            items.map(({ itemKey, read }) => ({ key: itemKey, value: read })),
            `distinct entries (${rule.allowed})`,
            rule.caseInsensitive ? (text) => text.toLowerCase() : (text) => text,
        );
        return items.map(({ read }) => read);
    }

    /** Reports every entry whose identity (by `identify`) already appeared earlier. */
    reportDuplicates(
        entries: readonly { key: string; value: string }[],
        allowed: string,
        identify: (value: string) => string = (value) => value,
    ): void {
        const firstSeen = new Map<string, string>();
        for (const entry of entries) {
            const identity = identify(entry.value);
            const earlier = firstSeen.get(identity);
            if (earlier === undefined) {
                firstSeen.set(identity, entry.key);
            } else {
                this.problems.add(entry.key, entry.value, `duplicates ${earlier}`, allowed);
            }
        }
    }
}
