import type {
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { configSchemaFor, resolveGuardrailConfig, type GuardrailConfig, type ResolveContext } from "./config";
import { isoDate } from "./waivers";
import { evaluateResourcePolicy, evaluateStackPolicy, remediatedProperties } from "./evaluation";
import type { PolicyDefinition, ResourcePolicyDefinition, StackPolicyDefinition, StackResourceView } from "./policy";

/**
 * Wires the pure policy definitions into @pulumi/policy's shapes. Types are matched by their
 * type token (no @pulumi/aws classes: loading that package would cost seconds per preview).
 */

/**
 * What the engine tells a policy pack process about its stack: the Pulumi CLI starts the pack
 * with PULUMI_STACK (and PULUMI_NODEJS_STACK) and the stack's config in PULUMI_CONFIG, while
 * @pulumi/policy exposes neither to the policies.
 */
export function engineResolveContext(env: NodeJS.ProcessEnv = process.env): ResolveContext {
    let stackEnvironment: string | undefined;
    try {
        const stackConfig: unknown = env.PULUMI_CONFIG ? JSON.parse(env.PULUMI_CONFIG) : undefined;
        if (stackConfig !== null && typeof stackConfig === "object") {
            const value = (stackConfig as Record<string, unknown>)["observability:environment"];
            stackEnvironment = typeof value === "string" ? value : undefined;
        }
    } catch {
        stackEnvironment = undefined;
    }
    return { stackName: env.PULUMI_STACK || env.PULUMI_NODEJS_STACK || undefined, stackEnvironment };
}

const MAX_CACHED_CONFIGS = 64;

/**
 * Resolves policy config with a small cache: the server hands out a fresh copy of the same
 * config on every call, and resolving it per resource would dominate the pack's run time.
 */
export class ConfigCache {
    private readonly cache = new Map<string, GuardrailConfig>();
    private context: ResolveContext | undefined;
    private today = "";
    private todayUntil = 0;

    constructor(private readonly contextSource: () => ResolveContext = engineResolveContext) {}

    resolve(raw: object | undefined): GuardrailConfig {
        const today = this.currentDay();
        const key = `${today}|${JSON.stringify(raw ?? {})}`;
        let config = this.cache.get(key);
        if (!config) {
            this.context ??= this.contextSource();
            config = resolveGuardrailConfig(raw, { ...this.context, today });
            if (this.cache.size >= MAX_CACHED_CONFIGS) {
                this.cache.clear();
            }
            this.cache.set(key, config);
        }
        return config;
    }

    /** Today (UTC), recomputed once a minute rather than formatted on every call. */
    private currentDay(): string {
        const now = Date.now();
        if (now >= this.todayUntil) {
            this.today = isoDate(new Date(now));
            this.todayUntil = now + 60_000;
        }
        return this.today;
    }
}

/** The fields of the args the policies read: callers outside the engine may pass just these. */
export type ResourceArgs = Pick<ResourceValidationArgs, "type" | "name" | "urn" | "props"> & Partial<Pick<ResourceValidationArgs, "getConfig">>;
export type StackArgs = { resources: readonly StackResourceView[] } & Partial<Pick<StackValidationArgs, "getConfig">>;

function crossGuardMetadata(definition: PolicyDefinition) {
    return {
        name: definition.name,
        description: definition.description,
        enforcementLevel: definition.enforcementLevel,
        severity: definition.severity,
        configSchema: configSchemaFor(...definition.settings),
        remediationSteps: definition.fix,
        tags: [...definition.controls],
    };
}

export interface GuardrailResourcePolicy extends ResourceValidationPolicy {
    validateResource: (args: ResourceArgs, reportViolation: ReportViolation) => void;
    remediateResource?: (args: ResourceArgs) => Record<string, unknown> | undefined;
}

export interface GuardrailStackPolicy extends StackValidationPolicy {
    validateStack: (args: StackArgs, reportViolation: ReportViolation) => void;
}

export function toResourceValidationPolicy(definition: ResourcePolicyDefinition, configs: ConfigCache): GuardrailResourcePolicy {
    const types = new Set<string>(definition.resourceTypes);
    const policy: GuardrailResourcePolicy = {
        ...crossGuardMetadata(definition),
        validateResource: (args, reportViolation) => {
            if (!types.has(args.type)) {
                return;
            }
            const config = configs.resolve(args.getConfig?.());
            for (const violation of evaluateResourcePolicy(definition, args, config)) {
                reportViolation(violation.message);
            }
        },
    };
    if (definition.remediate) {
        policy.remediateResource = (args) => {
            if (!types.has(args.type)) {
                return undefined;
            }
            return remediatedProperties(definition, args, configs.resolve(args.getConfig?.()));
        };
    }
    return policy;
}

export function toStackValidationPolicy(definition: StackPolicyDefinition, configs: ConfigCache): GuardrailStackPolicy {
    return {
        ...crossGuardMetadata(definition),
        validateStack: (args, reportViolation) => {
            const config = configs.resolve(args.getConfig?.());
            for (const violation of evaluateStackPolicy(definition, args.resources, config)) {
                reportViolation(violation.message, violation.subject.urn);
            }
        },
    };
}
