/**
 * A small typed model of CloudWatch metrics shared by alarms and dashboards, so that an alarm
 * and the graph an on-call engineer opens next to it always read the same series.
 */

/** One CloudWatch metric with the statistic to read it with (`Sum`, `Maximum`, `p95`, ...). */
export interface MetricSpec {
    namespace: string;
    metricName: string;
    dimensions: Readonly<Record<string, string>>;
    stat: string;
}

/** One entry of a metric math alarm or graph: a metric or an expression over other ids. */
export interface MathQuery {
    /** Lower-case letter first, then letters, digits and underscores. */
    id: string;
    metric?: MetricSpec;
    expression?: string;
    label?: string;
    returnData: boolean;
}

/** A series built from one or more queries; `id` names the query that yields it. */
export interface MetricSeries {
    id: string;
    queries: MathQuery[];
}

/** Percentile statistics (`p95`, `p99.9`) go into `extendedStatistic`, the others into `statistic`. */
export function isPercentileStat(stat: string): boolean {
    return /^p\d+(\.\d+)?$/.test(stat);
}

/**
 * The sum of several metrics as one series. A single metric is used as it is; several are each
 * filled with zeros first, because a function that saw no traffic in a period reports nothing
 * and a plain `+` would drop the whole datapoint.
 */
export function summedSeries(id: string, metrics: readonly MetricSpec[], label: string): MetricSeries {
    if (metrics.length === 0) {
        throw new Error(`series "${id}" (${label}) needs at least one metric`);
    }
    if (metrics.length === 1) {
        return { id, queries: [{ id, metric: metrics[0], label, returnData: false }] };
    }
    const parts: MathQuery[] = metrics.map((metric, index) => ({
        id: `${id}_${index + 1}`,
        metric,
        returnData: false,
    }));
    const expression = parts.map((part) => `FILL(${part.id}, 0)`).join(" + ");
    return { id, queries: [...parts, { id, expression, label, returnData: false }] };
}

/** The per-period maximum of several metrics (for percentiles, which cannot be added). */
export function maximumSeries(id: string, metrics: readonly MetricSpec[], label: string): MetricSeries {
    if (metrics.length === 1) {
        return { id, queries: [{ id, metric: metrics[0], label, returnData: false }] };
    }
    const parts: MathQuery[] = metrics.map((metric, index) => ({
        id: `${id}_${index + 1}`,
        metric,
        returnData: false,
    }));
    return {
        id,
        queries: [...parts, { id, expression: `MAX([${parts.map((part) => part.id).join(", ")}])`, label, returnData: false }],
    };
}

/** Number of queries that read a metric (CloudWatch's limit counts these, not expressions). */
export function metricCount(queries: readonly MathQuery[]): number {
    return queries.filter((query) => query.metric !== undefined).length;
}
