/**
 * Waivers: a resource exempted from one named policy, with a reason and an expiry date.
 *
 * Two sources, one evaluation:
 * - a tag on the resource, key `observability:waiver:<policy-name>`, value `<YYYY-MM-DD> <reason>`.
 *   The format only uses characters AWS accepts in tag keys and values (letters, digits, spaces
 *   and `_ . : / = + - @`; key ≤ 128, value ≤ 256), so the same tag works on live resources
 *   that the auditor reads;
 * - the pack config: `waivers: [{ policy, resource, reason, expires }]`, `resource` being a
 *   name, URN or ARN, or a glob of one (`*` any characters, `?` one character).
 *
 * A waiver is valid through its expiry date. An expired or malformed waiver exempts nothing;
 * the caller reports it so that nobody is silently exempt.
 */

export const WAIVER_TAG_PREFIX = "observability:waiver:";
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MAX_LENGTH = 256;

/** Characters AWS accepts in tag keys and values (its documented pattern). */
const AWS_TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TAG_VALUE_SHAPE = /^(\S+)\s+(.*)$/s;

export const WAIVER_TAG_VALUE_HELP =
    "`<YYYY-MM-DD> <reason>` (expiry date, a space, then a reason of letters, digits, spaces and _ . : / = + - @; at most 256 characters)";

export type WaiverSource = "tag" | "config";

export interface Waiver {
    policy: string;
    /** The tag key, or the config entry's `resource` pattern. */
    matchedBy: string;
    reason: string;
    /** Last day the waiver applies, YYYY-MM-DD. */
    expires: string;
    source: WaiverSource;
}

export interface MalformedWaiver {
    policy: string;
    source: WaiverSource;
    /** The tag key, or `waivers[<index>]` of the config. */
    where: string;
    value: string;
    problems: string[];
}

/** A `waivers` entry of the pack config, as the user wrote it. */
export interface ConfigWaiverEntry {
    policy: string;
    resource: string;
    reason: string;
    expires: string;
}

export interface ConfigWaiver extends ConfigWaiverEntry {
    index: number;
    pattern: RegExp;
}

export interface ParsedConfigWaivers {
    valid: ConfigWaiver[];
    malformed: MalformedWaiver[];
}

/** What is known about the resource a policy is about to judge. */
export interface WaiverSubject {
    policy: string;
    name: string;
    urn?: string;
    arn?: string;
    tags: Readonly<Record<string, string>>;
}

export interface WaiverEvaluation {
    /** `waived`: skip the check; `expired`: run it and say the waiver expired; `none`: run it. */
    status: "waived" | "expired" | "none";
    /** The active waiver when waived, the most recently expired one when expired. */
    waiver?: Waiver;
    /** Waivers for this policy and resource that exempt nothing because they are malformed. */
    malformed: MalformedWaiver[];
}

export const EMPTY_CONFIG_WAIVERS: ParsedConfigWaivers = Object.freeze({ valid: [], malformed: [] });

export function waiverTagKey(policy: string): string {
    return `${WAIVER_TAG_PREFIX}${policy}`;
}

/** The tag value for a waiver; throws when the result would not be a valid AWS tag value. */
export function waiverTagValue(expires: string, reason: string): string {
    const value = `${expires} ${reason}`;
    const problems = tagValueProblems(value).concat(dateProblems(expires));
    if (problems.length > 0) {
        throw new Error(`waiver tag value "${value}": ${problems.join("; ")}; allowed: ${WAIVER_TAG_VALUE_HELP}`);
    }
    return value;
}

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDate(date: Date): string {
    return date.toISOString().slice(0, 10);
}

function dateProblems(value: string): string[] {
    const match = ISO_DATE.exec(value);
    if (!match) {
        return [`expiry "${value}" is not a YYYY-MM-DD date`];
    }
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
        return [`expiry "${value}" is not a calendar date`];
    }
    return [];
}

function tagValueProblems(value: string): string[] {
    const problems: string[] = [];
    if (value.length > TAG_VALUE_MAX_LENGTH) {
        problems.push(`value is ${value.length} characters, more than ${TAG_VALUE_MAX_LENGTH}`);
    }
    if (!AWS_TAG_CHARACTERS.test(value)) {
        problems.push("value has characters AWS does not accept in tags");
    }
    return problems;
}

/** Parses one waiver tag; `undefined` when the key is not a waiver tag. */
export function parseWaiverTag(key: string, value: string): Waiver | MalformedWaiver | undefined {
    if (!key.startsWith(WAIVER_TAG_PREFIX)) {
        return undefined;
    }
    const policy = key.slice(WAIVER_TAG_PREFIX.length);
    const problems = tagValueProblems(value);
    if (key.length > TAG_KEY_MAX_LENGTH) {
        problems.push(`key is longer than ${TAG_KEY_MAX_LENGTH} characters`);
    }
    const shape = TAG_VALUE_SHAPE.exec(value.trim());
    const expires = shape ? shape[1] : value.trim();
    const reason = shape ? shape[2].trim() : "";
    problems.push(...dateProblems(expires));
    if (reason === "") {
        problems.push("reason is missing");
    }
    if (problems.length > 0) {
        return { policy, source: "tag", where: key, value, problems };
    }
    return { policy, matchedBy: key, reason, expires, source: "tag" };
}

function isMalformed(parsed: Waiver | MalformedWaiver): parsed is MalformedWaiver {
    return "problems" in parsed;
}

/** Every waiver tag among `tags`, valid or not. */
export function waiverTags(tags: Readonly<Record<string, string>>): Array<Waiver | MalformedWaiver> {
    const result: Array<Waiver | MalformedWaiver> = [];
    for (const [key, value] of Object.entries(tags)) {
        const parsed = parseWaiverTag(key, value);
        if (parsed) {
            result.push(parsed);
        }
    }
    return result;
}

const globCache = new Map<string, RegExp>();

/** A glob over names, URNs and ARNs: `*` is any run of characters, `?` one character. */
export function globToRegExp(glob: string): RegExp {
    let compiled = globCache.get(glob);
    if (!compiled) {
        const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
        compiled = new RegExp(`^${body}$`, "s");
        globCache.set(glob, compiled);
    }
    return compiled;
}

function nonEmptyString(value: unknown): value is string {
    return typeof value === "string" && value.trim() !== "";
}

/** Splits the config's `waivers` into usable entries and malformed ones (with what is wrong). */
export function parseConfigWaivers(raw: unknown): ParsedConfigWaivers {
    if (raw === undefined || raw === null) {
        return EMPTY_CONFIG_WAIVERS;
    }
    const parsed: ParsedConfigWaivers = { valid: [], malformed: [] };
    if (!Array.isArray(raw)) {
        parsed.malformed.push({
            policy: "*",
            source: "config",
            where: "waivers",
            value: JSON.stringify(raw),
            problems: ["waivers must be a list of { policy, resource, reason, expires }"],
        });
        return parsed;
    }
    raw.forEach((entry: unknown, index) => {
        const record = entry !== null && typeof entry === "object" ? (entry as Record<string, unknown>) : {};
        const problems: string[] = [];
        for (const field of ["policy", "resource", "reason", "expires"] as const) {
            if (!nonEmptyString(record[field])) {
                problems.push(`${field} is missing`);
            }
        }
        if (nonEmptyString(record.expires)) {
            problems.push(...dateProblems(record.expires));
        }
        const policy = nonEmptyString(record.policy) ? record.policy : "*";
        if (problems.length > 0) {
            parsed.malformed.push({
                policy,
                source: "config",
                where: `waivers[${index}]`,
                value: JSON.stringify(entry),
                problems,
            });
            return;
        }
        const { resource, reason, expires } = record as unknown as ConfigWaiverEntry;
        parsed.valid.push({ policy, resource, reason, expires, index, pattern: globToRegExp(resource) });
    });
    return parsed;
}

function configWaiverMatches(waiver: { policy: string; pattern?: RegExp }, subject: WaiverSubject): boolean {
    if (waiver.policy !== subject.policy || !waiver.pattern) {
        return false;
    }
    return [subject.name, subject.urn, subject.arn].some((id) => id !== undefined && waiver.pattern!.test(id));
}

function malformedConfigMatches(malformed: MalformedWaiver, subject: WaiverSubject): boolean {
    if (malformed.policy !== subject.policy) {
        return false;
    }
    try {
        const entry = JSON.parse(malformed.value) as { resource?: unknown };
        return nonEmptyString(entry.resource) && configWaiverMatches({ policy: malformed.policy, pattern: globToRegExp(entry.resource) }, subject);
    } catch {
        return false;
    }
}

/**
 * Whether `subject` is exempt from `subject.policy` on `today` (YYYY-MM-DD). Tags and config
 * entries are both considered; any active waiver wins, otherwise the latest expired one is named.
 */
export function evaluateWaiver(subject: WaiverSubject, configWaivers: ParsedConfigWaivers, today: string): WaiverEvaluation {
    const candidates: Waiver[] = [];
    const malformed: MalformedWaiver[] = [];
    const tagKey = waiverTagKey(subject.policy);
    const tagValue = subject.tags[tagKey];
    if (tagValue !== undefined) {
        const parsed = parseWaiverTag(tagKey, tagValue)!;
        if (isMalformed(parsed)) {
            malformed.push(parsed);
        } else {
            candidates.push(parsed);
        }
    }
    for (const waiver of configWaivers.valid) {
        if (configWaiverMatches(waiver, subject)) {
            candidates.push({
                policy: waiver.policy,
                matchedBy: waiver.resource,
                reason: waiver.reason,
                expires: waiver.expires,
                source: "config",
            });
        }
    }
    for (const entry of configWaivers.malformed) {
        if (malformedConfigMatches(entry, subject)) {
            malformed.push(entry);
        }
    }
    const active = candidates.find((waiver) => waiver.expires >= today);
    if (active) {
        return { status: "waived", waiver: active, malformed };
    }
    if (candidates.length > 0) {
        const latest = candidates.reduce((a, b) => (b.expires > a.expires ? b : a));
        return { status: "expired", waiver: latest, malformed };
    }
    return { status: "none", malformed };
}

export function describeWaiver(waiver: Waiver): string {
    const origin = waiver.source === "tag" ? `tag ${waiver.matchedBy}` : `pack config waiver for "${waiver.matchedBy}"`;
    return `${origin}, reason "${waiver.reason}", expires ${waiver.expires}`;
}

export function describeMalformedWaiver(malformed: MalformedWaiver): string {
    const origin = malformed.source === "tag" ? `waiver tag ${malformed.where}` : `pack config ${malformed.where}`;
    const allowed =
        malformed.source === "tag"
            ? `the tag value must be ${WAIVER_TAG_VALUE_HELP}`
            : "each entry needs policy, resource (name, URN, ARN or glob), reason and expires (YYYY-MM-DD)";
    const found = malformed.source === "tag" ? JSON.stringify(malformed.value) : malformed.value;
    return `${origin} is malformed (${malformed.problems.join("; ")}; found ${found}); it exempts nothing: ${allowed}`;
}
