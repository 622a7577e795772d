import type { PolicyConfigSchema } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { LAMBDA_APPLICATION_LOG_LEVELS, LAMBDA_SYSTEM_LOG_LEVELS, MINIMUM_LOG_RETENTION_DAYS, smallestRetentionAtLeast } from "../rules/cloudwatch";
import { POLICY_NAMES } from "./names";
import { isoDate, parseConfigWaivers, type ConfigWaiverEntry, type ParsedConfigWaivers } from "./waivers";

/**
 * The pack's settings: their JSON schema (what `pulumi preview --policy-pack-config` accepts
 * and fills defaults from), their defaults, and the one resolver that turns whatever a policy
 * receives from `getConfig()` — or the auditor passes — into a checked, complete config.
 *
 * CrossGuard configures each policy separately (`{"<policy-name>": {...}}`; the `all` key only
 * sets enforcement levels), so every policy accepts the shared settings (`environment`,
 * `waivers`) next to its own. `packConfigFor` expands one settings object into that per-policy
 * form so that a single source can drive the engine, the offline preview and the auditor.
 */

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export type PerEnvironment<T> = Record<Environment, T>;

export const DEFAULT_MINIMUM_RETENTION_DAYS: Readonly<PerEnvironment<number>> = MINIMUM_LOG_RETENTION_DAYS;

/**
 * `$context` variables every access log must carry. REST: request id, X-Ray trace id, status
 * and latency. HTTP and WebSocket APIs have no X-Ray integration (no `$context.xrayTraceId`),
 * and their latency variables differ between the two protocols, which a stage alone does not
 * reveal, so v2 requires what both share.
 */
export const DEFAULT_REQUIRED_ACCESS_LOG_FIELDS: Readonly<{ rest: readonly string[]; v2: readonly string[] }> = {
    rest: ["$context.requestId", "$context.xrayTraceId", "$context.status", "$context.responseLatency"],
    v2: ["$context.requestId", "$context.status"],
};

/** Debug output in production costs money and can leak data; dev may log anything. */
export const DEFAULT_ALLOWED_APPLICATION_LOG_LEVELS: Readonly<PerEnvironment<readonly string[]>> = {
    dev: LAMBDA_APPLICATION_LOG_LEVELS,
    staging: ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"],
    prod: ["INFO", "WARN", "ERROR", "FATAL"],
};

export const DEFAULT_ALLOWED_SYSTEM_LOG_LEVELS: Readonly<PerEnvironment<readonly string[]>> = {
    dev: LAMBDA_SYSTEM_LOG_LEVELS,
    staging: ["INFO", "WARN"],
    prod: ["INFO", "WARN"],
};

/** The settings as written in policy config (every field optional; defaults fill the rest). */
export interface GuardrailSettings {
    environment?: Environment;
    minimumRetentionDays?: Partial<PerEnvironment<number>>;
    requiredAccessLogFields?: { rest?: string[]; v2?: string[] };
    allowedApplicationLogLevels?: Partial<PerEnvironment<string[]>>;
    allowedSystemLogLevels?: Partial<PerEnvironment<string[]>>;
    waivers?: ConfigWaiverEntry[];
}

export type SettingName = keyof GuardrailSettings;

/** The resolved configuration one policy evaluation works with. */
export interface GuardrailConfig {
    environment: Environment;
    /** Where `environment` came from, for messages. */
    environmentSource: "config" | "stack config" | "stack name" | "strict default";
    minimumRetentionDays: number;
    requiredAccessLogFields: { rest: readonly string[]; v2: readonly string[] };
    allowedApplicationLogLevels: readonly string[];
    allowedSystemLogLevels: readonly string[];
    waivers: ParsedConfigWaivers;
    /** Today, YYYY-MM-DD (UTC), for waiver expiry. */
    today: string;
}

/** What the caller knows about the stack being checked (the engine's environment, or the auditor). */
export interface ResolveContext {
    /** The Pulumi stack name, e.g. `acme/estate/prod`. */
    stackName?: string;
    /** `observability:environment` from the stack's own config, when the caller has it. */
    stackEnvironment?: string;
    today?: Date | string;
}

export class GuardrailConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(`invalid observability-guardrails policy config:\n  - ${problems.join("\n  - ")}`);
        this.name = "GuardrailConfigError";
    }
}

function isEnvironment(value: unknown): value is Environment {
    return typeof value === "string" && (ENVIRONMENTS as readonly string[]).includes(value);
}

const STACK_NAME_HINTS: ReadonlyArray<[Environment, readonly string[]]> = [
    ["prod", ["prod", "production", "prd", "live"]],
    ["staging", ["staging", "stage", "stg", "preprod", "uat"]],
    ["dev", ["dev", "development", "sandbox", "test"]],
];

/**
 * The environment a stack name suggests (`prod`, `acme/estate/prod`, `payments-staging`), or
 * undefined. When a name hints at several, the strictest wins.
 */
export function environmentFromStackName(stackName: string): Environment | undefined {
    const words = stackName.toLowerCase().split(/[^a-z0-9]+/);
    for (const [environment, hints] of STACK_NAME_HINTS) {
        if (hints.some((hint) => words.includes(hint))) {
            return environment;
        }
    }
    return undefined;
}

function resolveEnvironment(raw: unknown, context: ResolveContext, problems: string[]): Pick<GuardrailConfig, "environment" | "environmentSource"> {
    if (raw !== undefined) {
        if (isEnvironment(raw)) {
            return { environment: raw, environmentSource: "config" };
        }
        problems.push(`environment: ${JSON.stringify(raw)} is not one of ${ENVIRONMENTS.join(", ")}`);
    }
    if (isEnvironment(context.stackEnvironment)) {
        return { environment: context.stackEnvironment, environmentSource: "stack config" };
    }
    const fromName = context.stackName ? environmentFromStackName(context.stackName) : undefined;
    if (fromName) {
        return { environment: fromName, environmentSource: "stack name" };
    }
    // An unknown environment gets the strictest rules, so that a mislabelled stack fails closed.
    return { environment: "prod", environmentSource: "strict default" };
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

function perEnvironment<T>(
    key: string,
    raw: unknown,
    defaults: Readonly<PerEnvironment<T>>,
    environment: Environment,
    check: (value: unknown, where: string) => string | undefined,
    problems: string[],
): T {
    if (raw === undefined) {
        return defaults[environment];
    }
    if (!isRecord(raw)) {
        problems.push(`${key}: ${JSON.stringify(raw)} must be an object keyed by ${ENVIRONMENTS.join(", ")}`);
        return defaults[environment];
    }
    for (const [name, value] of Object.entries(raw)) {
        if (!isEnvironment(name)) {
            problems.push(`${key}.${name}: unknown environment; allowed keys: ${ENVIRONMENTS.join(", ")}`);
            continue;
        }
        const problem = check(value, `${key}.${name}`);
        if (problem) {
            problems.push(problem);
        }
    }
    const chosen = raw[environment];
    return chosen === undefined || check(chosen, "") !== undefined ? defaults[environment] : (chosen as T);
}

function checkMinimumRetention(value: unknown, where: string): string | undefined {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || smallestRetentionAtLeast(value) === undefined) {
        return `${where}: ${JSON.stringify(value)} must be a whole number of days from 1 to 3653`;
    }
    return undefined;
}

function levelChecker(allowed: readonly string[]) {
    return (value: unknown, where: string): string | undefined => {
        if (!Array.isArray(value) || value.length === 0 || value.some((level) => !allowed.includes(level as string))) {
            return `${where}: ${JSON.stringify(value)} must be a non-empty list drawn from ${allowed.join(", ")}`;
        }
        return undefined;
    };
}

const CONTEXT_VARIABLE = /^\$context\.[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

function resolveAccessLogFields(raw: unknown, problems: string[]): GuardrailConfig["requiredAccessLogFields"] {
    if (raw === undefined) {
        return DEFAULT_REQUIRED_ACCESS_LOG_FIELDS;
    }
    if (!isRecord(raw)) {
        problems.push(`requiredAccessLogFields: ${JSON.stringify(raw)} must be an object { rest: [...], v2: [...] }`);
        return DEFAULT_REQUIRED_ACCESS_LOG_FIELDS;
    }
    const pick = (kind: "rest" | "v2"): readonly string[] => {
        const value = raw[kind];
        if (value === undefined) {
            return DEFAULT_REQUIRED_ACCESS_LOG_FIELDS[kind];
        }
        if (!Array.isArray(value) || value.some((field) => typeof field !== "string" || !CONTEXT_VARIABLE.test(field))) {
            problems.push(`requiredAccessLogFields.${kind}: ${JSON.stringify(value)} must be a list of $context variables such as "$context.requestId"`);
            return DEFAULT_REQUIRED_ACCESS_LOG_FIELDS[kind];
        }
        return value as string[];
    };
    for (const key of Object.keys(raw)) {
        if (key !== "rest" && key !== "v2") {
            problems.push(`requiredAccessLogFields.${key}: unknown key; allowed keys: rest, v2`);
        }
    }
    return { rest: pick("rest"), v2: pick("v2") };
}

function todayOf(today: Date | string | undefined): string {
    if (typeof today === "string") {
        return today;
    }
    return isoDate(today ?? new Date());
}

const KNOWN_SETTINGS: readonly SettingName[] = [
    "environment",
    "minimumRetentionDays",
    "requiredAccessLogFields",
    "allowedApplicationLogLevels",
    "allowedSystemLogLevels",
    "waivers",
];

/**
 * Checks and completes policy config. Throws `GuardrailConfigError` listing every problem,
 * each naming the key, the value and what is allowed. Malformed waiver entries do not throw:
 * they are kept so the policies can report them against the resources they name.
 */
export function resolveGuardrailConfig(raw: unknown, context: ResolveContext = {}): GuardrailConfig {
    const problems: string[] = [];
    const settings: Record<string, unknown> = isRecord(raw) ? raw : {};
    if (raw !== undefined && raw !== null && !isRecord(raw)) {
        problems.push(`policy config ${JSON.stringify(raw)} must be an object`);
    }
    for (const key of Object.keys(settings)) {
        if (!(KNOWN_SETTINGS as readonly string[]).includes(key) && key !== "enforcementLevel") {
            problems.push(`${key}: unknown setting; allowed: ${KNOWN_SETTINGS.join(", ")}`);
        }
    }
    const { environment, environmentSource } = resolveEnvironment(settings.environment, context, problems);
    const config: GuardrailConfig = {
        environment,
        environmentSource,
        minimumRetentionDays: perEnvironment(
            "minimumRetentionDays",
            settings.minimumRetentionDays,
            DEFAULT_MINIMUM_RETENTION_DAYS,
            environment,
            checkMinimumRetention,
            problems,
        ),
        requiredAccessLogFields: resolveAccessLogFields(settings.requiredAccessLogFields, problems),
        allowedApplicationLogLevels: perEnvironment(
            "allowedApplicationLogLevels",
            settings.allowedApplicationLogLevels,
            DEFAULT_ALLOWED_APPLICATION_LOG_LEVELS,
            environment,
            levelChecker(LAMBDA_APPLICATION_LOG_LEVELS),
            problems,
        ),
        allowedSystemLogLevels: perEnvironment(
            "allowedSystemLogLevels",
            settings.allowedSystemLogLevels,
            DEFAULT_ALLOWED_SYSTEM_LOG_LEVELS,
            environment,
            levelChecker(LAMBDA_SYSTEM_LOG_LEVELS),
            problems,
        ),
        waivers: parseConfigWaivers(settings.waivers),
        today: todayOf(context.today),
    };
    if (problems.length > 0) {
        throw new GuardrailConfigError(problems);
    }
    return config;
}

const perEnvironmentSchema = (item: PolicyConfigJSONSchema, defaults: Readonly<PerEnvironment<unknown>>): PolicyConfigJSONSchema => ({
    type: "object",
    properties: { dev: item, staging: item, prod: item },
    additionalProperties: false,
    default: { ...defaults } as object,
});

const levelListSchema = (levels: readonly string[]): PolicyConfigJSONSchema => ({
    type: "array",
    items: { type: "string", enum: [...levels] },
    minItems: 1,
    uniqueItems: true,
});

/** JSON schema of every setting; each policy's `configSchema` picks the ones it reads. */
export const SETTING_SCHEMAS: Readonly<Record<SettingName, PolicyConfigJSONSchema>> = {
    environment: {
        type: "string",
        enum: [...ENVIRONMENTS],
        description:
            "dev, staging or prod. When unset: the stack config's observability:environment, else a hint in the stack name (prod, staging, dev), else prod.",
    },
    minimumRetentionDays: {
        ...perEnvironmentSchema({ type: "integer", minimum: 1, maximum: 3653 }, DEFAULT_MINIMUM_RETENTION_DAYS),
        description: "Minimum log retention in days per environment.",
    },
    requiredAccessLogFields: {
        type: "object",
        properties: {
            rest: { type: "array", items: { type: "string", pattern: CONTEXT_VARIABLE.source } },
            v2: { type: "array", items: { type: "string", pattern: CONTEXT_VARIABLE.source } },
        },
        additionalProperties: false,
        default: { rest: [...DEFAULT_REQUIRED_ACCESS_LOG_FIELDS.rest], v2: [...DEFAULT_REQUIRED_ACCESS_LOG_FIELDS.v2] },
        description: "$context variables every access-log format must contain, for REST and for HTTP/WebSocket stages.",
    },
    allowedApplicationLogLevels: {
        ...perEnvironmentSchema(levelListSchema(LAMBDA_APPLICATION_LOG_LEVELS), DEFAULT_ALLOWED_APPLICATION_LOG_LEVELS),
        description: "Lambda application log levels allowed per environment.",
    },
    allowedSystemLogLevels: {
        ...perEnvironmentSchema(levelListSchema(LAMBDA_SYSTEM_LOG_LEVELS), DEFAULT_ALLOWED_SYSTEM_LOG_LEVELS),
        description: "Lambda system log levels allowed per environment.",
    },
    waivers: {
        type: "array",
        default: [],
        description: "Exemptions: { policy, resource (name, URN, ARN or glob), reason, expires (YYYY-MM-DD, last valid day) }.",
        items: {
            type: "object",
            required: ["policy", "resource", "reason", "expires"],
            additionalProperties: false,
            properties: {
                // A waiver for a policy that does not exist would exempt nothing, silently.
                policy: { type: "string", enum: Object.values(POLICY_NAMES) },
                resource: { type: "string", minLength: 1 },
                reason: { type: "string", minLength: 1 },
                expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
            },
        },
    },
};

/** The config schema of a policy that reads `settings` besides the shared ones. */
export function configSchemaFor(...settings: SettingName[]): PolicyConfigSchema {
    const names: SettingName[] = ["environment", "waivers", ...settings];
    const properties: Record<string, PolicyConfigJSONSchema> = {};
    for (const name of names) {
        properties[name] = SETTING_SCHEMAS[name];
    }
    return { properties };
}

/**
 * One settings object expanded into CrossGuard's per-policy config (for a
 * `--policy-pack-config` file): each policy gets the settings its schema declares.
 */
export function packConfigFor(
    settings: GuardrailSettings,
    policies: ReadonlyArray<{ name: string; configSchema?: PolicyConfigSchema }>,
): Record<string, Record<string, unknown>> {
    const result: Record<string, Record<string, unknown>> = {};
    for (const policy of policies) {
        const own: Record<string, unknown> = {};
        for (const key of Object.keys(policy.configSchema?.properties ?? {})) {
            const value = settings[key as SettingName];
            if (value !== undefined) {
                own[key] = value;
            }
        }
        result[policy.name] = own;
    }
    return result;
}
