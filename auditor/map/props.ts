/** Props without the keys whose value is undefined, so that reports show only what AWS returned. */
export function compact(props: Record<string, unknown>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(props)) {
        if (value !== undefined) {
            result[key] = value;
        }
    }
    return result;
}

/** Undefined for an absent object, so a policy sees "not set" rather than an empty object. */
export function compactObject(props: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
    return props === undefined ? undefined : compact(props);
}
