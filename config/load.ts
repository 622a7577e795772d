import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, STRING_KEYS, validateEstateConfig } from "./validate";
import { EstateConfig } from "./types";

export { ALARM_DEFAULTS, DEFAULT_AUDIT_TRAIL, DEFAULT_RESERVOIR_PER_SECOND, DEFAULT_UNSAMPLED_PATHS, ENVIRONMENT_DEFAULTS } from "./defaults";
export type { EnvironmentDefaults } from "./defaults";
export { ConfigValidationError, SECRET_PLACEHOLDER } from "./problems";
export type { ConfigProblem } from "./problems";
export { CONFIG_NAMESPACE, TOP_LEVEL_KEYS, validateEstateConfig } from "./validate";
export type { RawEstateConfig, TopLevelKey } from "./validate";
export * from "./types";

// `isConfigSecret` is exported by the runtime but marked internal, so its typing is stripped.
const runtimeConfig = pulumi.runtime as typeof pulumi.runtime & { isConfigSecret?: (key: string) => boolean };

/**
 * The namespace's entries of a config map (`observability:<key>` → value), keyed without the
 * prefix. Works on the engine's map and on a parsed stack file's `config:` section alike.
 */
export function namespaceEntries<T>(config: Readonly<Record<string, T>>): Record<string, T> {
    const prefix = `${CONFIG_NAMESPACE}:`;
    const entries: Record<string, T> = {};
    for (const [fullKey, value] of Object.entries(config)) {
        if (fullKey.startsWith(prefix)) {
            entries[fullKey.slice(prefix.length)] = value;
        }
    }
    return entries;
}

/**
 * Reads, validates and defaults the stack configuration; call it before declaring any resource.
 * Throws one `ConfigValidationError` listing every problem.
 */
export function loadEstateConfig(): EstateConfig {
    const isConfigSecret = runtimeConfig.isConfigSecret;
    if (typeof isConfigSecret !== "function") {
        throw new Error("@pulumi/pulumi no longer provides runtime.isConfigSecret; secret settings cannot be checked");
    }
    const entries = namespaceEntries(pulumi.runtime.allConfig());
    // Older language hosts name keys `<namespace>:config:<key>`; the config map is cleaned of
    // that form but the list of secret keys is not.
    const secretKeys = Object.keys(entries).filter(
        (name) => isConfigSecret(`${CONFIG_NAMESPACE}:${name}`) || isConfigSecret(`${CONFIG_NAMESPACE}:config:${name}`),
    );

    const values: Record<string, unknown> = {};
    for (const [name, text] of Object.entries(entries)) {
        values[name] = (STRING_KEYS as readonly string[]).includes(name) ? text : parseStructured(text);
    }

    const config = new pulumi.Config(CONFIG_NAMESPACE);
    const secretOutputs: Record<string, pulumi.Output<string>> = {};
    for (const name of secretKeys) {
        if ((STRING_KEYS as readonly string[]).includes(name)) {
            secretOutputs[name] = config.requireSecret(name);
        }
    }

    return validateEstateConfig({ values, secretKeys, secretOutputs });
}

/**
 * The engine passes structured values (objects, lists, numbers, booleans) as JSON text. Text
 * that is not JSON was written as a plain string, and stays one: validation then reports it
 * under its key as the wrong type, naming the type expected (e.g. `auditTrail: yes`).
 */
function parseStructured(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
