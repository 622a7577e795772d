import { ERROR_LEVELS, LOG_FIELDS, metricFilterSelector } from "../../schema/fields";

/**
 * CloudWatch Logs filter patterns over the structured log schema. Each selector comes from
 * schema/fields.ts so that a renamed field breaks the build instead of silently matching nothing.
 */

const quoted = (value: string): string => JSON.stringify(value);

/** Entries logged at an error level (ERROR or FATAL). */
export function errorLevelPattern(): string {
    const level = metricFilterSelector(LOG_FIELDS.level);
    return `{ ${ERROR_LEVELS.map((candidate) => `(${level} = ${quoted(candidate)})`).join(" || ")} }`;
}

/** Entries that carry a request duration; the metric value is the duration itself. */
export function latencyPattern(): string {
    return `{ ${metricFilterSelector(LOG_FIELDS.durationMs)} >= 0 }`;
}

/** The metric value of the latency filter. */
export function latencyValue(): string {
    return metricFilterSelector(LOG_FIELDS.durationMs);
}

/**
 * Entries worth archiving: everything except requests to the given probe paths. An entry
 * without an HTTP path (background work, startup) has to be let through explicitly, because a
 * comparison on a missing property never matches.
 */
export function archivePattern(excludedPaths: readonly string[]): string {
    if (excludedPaths.length === 0) {
        // The empty pattern matches every event.
        return "";
    }
    const path = metricFilterSelector(LOG_FIELDS.httpPath);
    const notProbe = excludedPaths.map((excluded) => `(${path} != ${quoted(excluded)})`).join(" && ");
    return `{ (${path} NOT EXISTS) || (${notProbe}) }`;
}
