/**
 * Reading resource properties that may not be known yet.
 *
 * During `pulumi preview` the engine sends values that depend on other resources' outputs as
 * unknowns. @pulumi/policy wraps the properties in `unknownCheckingProxy`, which throws an
 * `UnknownValueError` when such a value is read; the library turns that into an advisory
 * "can't run policy" note for the whole policy. Policies here read through `readPath` instead,
 * so that a check needing an unknown value is skipped on its own and every other check still
 * runs. `readPath` also recognises the raw sentinel strings, for callers that pass properties
 * without the proxy (the offline preview, tests).
 */

/** What `readPath` returns when the value is not known yet. */
export const UNKNOWN: unique symbol = Symbol("unknown value");
export type Unknown = typeof UNKNOWN;

interface PolicyProxyModule {
    UnknownValueError: abstract new (...args: never[]) => Error;
    unknownBooleanValue: string;
    unknownNumberValue: string;
    unknownStringValue: string;
    unknownArrayValue: string;
    unknownAssetValue: string;
    unknownArchiveValue: string;
    unknownObjectValue: string;
    isSpecialProxy: string;
    getSpecialProxyTarget: string;
    unknownCheckingProxy<T extends object>(value: T): T;
}

// The proxy module is dependency-free (the package index would load gRPC and @pulumi/pulumi), and
// its typings are stripped as internal, so it is described by the interface above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const policyProxy: PolicyProxyModule = require("@pulumi/policy/proxy");

const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    policyProxy.unknownBooleanValue,
    policyProxy.unknownNumberValue,
    policyProxy.unknownStringValue,
    policyProxy.unknownArrayValue,
    policyProxy.unknownAssetValue,
    policyProxy.unknownArchiveValue,
    policyProxy.unknownObjectValue,
]);

/** The engine's unknown sentinel as it arrives over gRPC (every unknown is sent as this string). */
export const ENGINE_UNKNOWN_SENTINEL = policyProxy.unknownStringValue;

/** Wraps properties the way the Analyzer server does before handing them to a policy. */
export function unknownCheckingProxy<T extends object>(value: T): T {
    return policyProxy.unknownCheckingProxy(value);
}

export function isUnknownSentinel(value: unknown): boolean {
    return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

export function isUnknownValueError(error: unknown): boolean {
    return (
        error instanceof policyProxy.UnknownValueError ||
        (error instanceof Error && "unknownTypeSentinel" in error && "props" in error)
    );
}

/**
 * Reads `source[path[0]][path[1]]…`: `undefined` when a step is missing or not an object,
 * `UNKNOWN` when a step is not known yet.
 */
export function readPath(source: unknown, ...path: string[]): unknown {
    let current: unknown = source;
    try {
        for (const key of path) {
            if (isUnknownSentinel(current)) {
                return UNKNOWN;
            }
            if (current === null || typeof current !== "object") {
                return undefined;
            }
            current = (current as Record<string, unknown>)[key];
        }
    } catch (error) {
        if (isUnknownValueError(error)) {
            return UNKNOWN;
        }
        throw error;
    }
    return isUnknownSentinel(current) ? UNKNOWN : current;
}

/** A string at `path`, `UNKNOWN`, or `undefined` when absent or not a string. */
export function readString(source: unknown, ...path: string[]): string | Unknown | undefined {
    const value = readPath(source, ...path);
    return typeof value === "string" || value === UNKNOWN ? value : undefined;
}

/**
 * A string-to-string map (resource tags): entries whose value is unknown are left out, and a
 * map that is itself unknown reads as empty, because a tag that is not known cannot waive anything.
 */
export function readStringMap(source: unknown, ...path: string[]): Record<string, string> {
    const value = readPath(source, ...path);
    const result: Record<string, string> = {};
    if (value === null || typeof value !== "object") {
        return result;
    }
    let keys: string[];
    try {
        keys = Object.keys(value);
    } catch (error) {
        if (isUnknownValueError(error)) {
            return result;
        }
        throw error;
    }
    for (const key of keys) {
        const entry = readPath(value, key);
        if (typeof entry === "string") {
            result[key] = entry;
        }
    }
    return result;
}

/** The plain object behind @pulumi/policy's proxies (or the value itself when it is not one). */
export function proxyTarget<T>(value: T): T {
    if (value !== null && typeof value === "object") {
        const record = value as Record<string, unknown>;
        if (record[policyProxy.isSpecialProxy] === true) {
            return proxyTarget(record[policyProxy.getSpecialProxyTarget] as T);
        }
    }
    return value;
}
