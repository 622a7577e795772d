import { ENVIRONMENTS, Environment } from "../../config/types";
import {
    CLOUDWATCH_RETENTION_DAYS,
    MINIMUM_LOG_RETENTION_DAYS,
    isCloudWatchRetention,
    suggestedRetention,
} from "../../policies/rules/cloudwatch";

/**
 * Eager checks of the plain-value args of the golden-path blocks. Each check returns problems
 * instead of throwing so that a component reports every bad arg at once, before it declares
 * any resource.
 */

const quote = (value: unknown): string => (typeof value === "string" ? `"${value}"` : String(value));

export function environmentProblems(field: string, environment: unknown): string[] {
    return (ENVIRONMENTS as readonly unknown[]).includes(environment)
        ? []
        : [`${field} is ${quote(environment)}; allowed values are ${ENVIRONMENTS.join(", ")}`];
}

export function retentionProblems(field: string, days: unknown, environment: Environment): string[] {
    if (!isCloudWatchRetention(days)) {
        if (typeof days !== "number" || !Number.isFinite(days)) {
            return [`${field} is ${quote(days)}; a number of days CloudWatch accepts is required (${CLOUDWATCH_RETENTION_DAYS.join(", ")})`];
        }
        const neverExpires = days === 0 ? " (0 would mean never expire)" : "";
        return [
            `${field} is ${days}${neverExpires}, which CloudWatch does not accept; use ${suggestedRetention(days, MINIMUM_LOG_RETENTION_DAYS[environment])} ` +
                `(accepted: ${CLOUDWATCH_RETENTION_DAYS.join(", ")})`,
        ];
    }
    const minimum = MINIMUM_LOG_RETENTION_DAYS[environment];
    if (days < minimum) {
        return [`${field} is ${days}, below the ${environment} minimum of ${minimum} days; use ${suggestedRetention(days, minimum)} or more`];
    }
    return [];
}

export function oneOfProblems(field: string, value: unknown, allowed: readonly string[]): string[] {
    return allowed.includes(value as string) ? [] : [`${field} is ${quote(value)}; allowed values are ${allowed.join(", ")}`];
}

/** Lambda function names: 1 to 64 letters, digits, hyphens and underscores. */
export function functionNameProblems(field: string, name: string): string[] {
    return /^[A-Za-z0-9_-]{1,64}$/.test(name)
        ? []
        : [`${field} is "${name}"; 1 to 64 letters, digits, hyphens or underscores are allowed`];
}

/** API Gateway stage names: letters, digits, hyphens and underscores, up to 128; HTTP APIs also `$default`. */
export function stageNameProblems(field: string, name: string, allowDefaultStage: boolean): string[] {
    if (allowDefaultStage && name === "$default") {
        return [];
    }
    const allowed = allowDefaultStage ? "1 to 128 letters, digits, hyphens or underscores, or $default" : "1 to 128 letters, digits, hyphens or underscores";
    return /^[A-Za-z0-9_-]{1,128}$/.test(name) ? [] : [`${field} is "${name}"; ${allowed} are allowed`];
}

/** CloudWatch Logs group names: 1 to 512 of `[.-_/#A-Za-z0-9]`. */
export function logGroupNameProblems(field: string, name: string): string[] {
    return /^[A-Za-z0-9._\-/#]{1,512}$/.test(name)
        ? []
        : [`${field} is "${name}"; 1 to 512 letters, digits or . _ - / # are allowed`];
}

export function positiveNumberProblems(field: string, value: unknown): string[] {
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? [] : [`${field} is ${quote(value)}; a positive number is required`];
}

/** Throws one error listing every problem, prefixed with the component that received the args. */
export function assertNoProblems(componentType: string, name: string, problems: readonly string[]): void {
    if (problems.length > 0) {
        throw new Error(`${componentType} "${name}" has invalid args:\n  - ${problems.join("\n  - ")}`);
    }
}
