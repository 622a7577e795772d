import { MathQuery, MetricSpec } from "../alarms/metrics";

/**
 * A typed model of the CloudWatch dashboard body (the `widgets` array of the Dashboard Body
 * Structure and Syntax reference), so bodies are built as data and serialised once.
 */

/** CloudWatch dashboards are a grid 24 columns wide. */
export const GRID_COLUMNS = 24;
/** A dashboard holds at most 500 widgets. */
export const DASHBOARD_MAX_WIDGETS = 500;
/** An alarm status widget lists at most 100 alarms. */
export const ALARM_WIDGET_MAX_ALARMS = 100;
/** A Logs Insights widget queries at most 50 log groups. */
export const LOG_WIDGET_MAX_LOG_GROUPS = 50;

export interface MetricRenderOptions {
    id?: string;
    stat?: string;
    label?: string;
    visible?: boolean;
    period?: number;
}

export interface ExpressionRenderOptions {
    expression: string;
    id: string;
    label?: string;
    visible?: boolean;
}

/** `[namespace, metricName, dimName, dimValue, ..., options]` or `[{ expression, id }]`. */
export type MetricRow = [string, string, ...string[], MetricRenderOptions] | [ExpressionRenderOptions];

export interface HorizontalAnnotation {
    value: number;
    label: string;
    /** Shade the side of the line that is out of objective. */
    fill?: "above" | "below";
    color?: string;
}

interface Placement {
    x: number;
    y: number;
    width: number;
    height: number;
}

export interface MetricWidgetProperties {
    title: string;
    region: string;
    view: "timeSeries" | "singleValue";
    stacked: boolean;
    period: number;
    metrics: MetricRow[];
    annotations?: { horizontal: HorizontalAnnotation[] };
    yAxis?: { left: { min?: number; max?: number; label?: string; showUnits?: boolean } };
}

export interface LogWidgetProperties {
    title: string;
    region: string;
    query: string;
    view: "table";
}

export interface AlarmWidgetProperties {
    title: string;
    alarms: string[];
    sortBy: "stateUpdatedTimestamp";
}

export interface TextWidgetProperties {
    markdown: string;
}

export type WidgetContent =
    | { type: "metric"; properties: MetricWidgetProperties }
    | { type: "log"; properties: LogWidgetProperties }
    | { type: "alarm"; properties: AlarmWidgetProperties }
    | { type: "text"; properties: TextWidgetProperties };

export type Widget = WidgetContent & Placement;

export interface DashboardBody {
    widgets: Widget[];
}

/** A widget before layout, with the size it wants. */
export interface SizedWidget {
    content: WidgetContent;
    width: number;
    height: number;
}

/**
 * Places widgets left to right, wrapping to a new row when one no longer fits the 24-column
 * grid; `newRow` starts each group (a service, a section) on a fresh line.
 */
export function layout(groups: readonly (readonly SizedWidget[])[]): DashboardBody {
    const widgets: Widget[] = [];
    let y = 0;
    for (const group of groups) {
        let x = 0;
        let rowHeight = 0;
        for (const { content, width, height } of group) {
            if (width < 1 || width > GRID_COLUMNS) {
                throw new Error(`widget "${describe(content)}" is ${width} columns wide; the grid has ${GRID_COLUMNS}`);
            }
            if (x + width > GRID_COLUMNS) {
                y += rowHeight;
                x = 0;
                rowHeight = 0;
            }
            widgets.push({ ...content, x, y, width, height });
            x += width;
            rowHeight = Math.max(rowHeight, height);
        }
        y += rowHeight;
    }
    if (widgets.length > DASHBOARD_MAX_WIDGETS) {
        throw new Error(`dashboard has ${widgets.length} widgets; CloudWatch allows at most ${DASHBOARD_MAX_WIDGETS}`);
    }
    return { widgets };
}

function describe(content: WidgetContent): string {
    return "title" in content.properties ? content.properties.title : content.type;
}

export function metricRow(metric: MetricSpec, options: MetricRenderOptions): MetricRow {
    const dimensions = Object.entries(metric.dimensions).flat();
    return [metric.namespace, metric.metricName, ...dimensions, { stat: metric.stat, ...options }];
}

/** Rows of a math series: its parts hidden, the queries named in `visible` drawn. */
export function seriesRows(queries: readonly MathQuery[], visible: readonly string[]): MetricRow[] {
    return queries.map((query): MetricRow => {
        const shown = visible.includes(query.id);
        if (query.metric !== undefined) {
            return metricRow(query.metric, { id: query.id, label: query.label, visible: shown });
        }
        if (query.expression === undefined) {
            throw new Error(`query "${query.id}" has neither a metric nor an expression`);
        }
        return [{ expression: query.expression, id: query.id, label: query.label, visible: shown }];
    });
}
