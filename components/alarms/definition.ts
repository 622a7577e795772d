import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MathQuery, MetricSpec, isPercentileStat, metricCount } from "./metrics";
import { AlarmEvaluation, AlarmRouting, TreatMissingData, alarmDescription, assertAlarmIsValid } from "./strategy";

/**
 * Alarms are first described as plain data (what to watch, when to fire, where to route) and
 * only then declared as resources, so every alarm goes through the same validation, naming and
 * routing code.
 */

export type ComparisonOperator =
    | "GreaterThanThreshold"
    | "GreaterThanOrEqualToThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold"
    | "GreaterThanUpperThreshold";

export type AlarmSource =
    | { kind: "metric"; metric: MetricSpec }
    | { kind: "math"; queries: MathQuery[]; thresholdMetricId?: string };

export interface MetricAlarmDefinition {
    signal: string;
    routing: Exclude<AlarmRouting, "page">;
    /** What the alarm means, in one or two sentences; the runbook link is appended. */
    summary: string;
    comparisonOperator: ComparisonOperator;
    /** Absent for anomaly-band alarms, whose threshold is the band (`thresholdMetricId`). */
    threshold?: number;
    treatMissingData: TreatMissingData;
    evaluation: AlarmEvaluation;
    source: AlarmSource;
}

export interface CompositeAlarmDefinition {
    signal: string;
    routing: Exclude<AlarmRouting, "window">;
    summary: string;
    operator: "AND" | "OR";
    /** Signals of the alarms the rule combines. */
    children: string[];
}

/** Where alerts go. */
export interface AlertTopics {
    criticalTopicArn: pulumi.Input<string>;
    warningTopicArn: pulumi.Input<string>;
}

/** Topics an alarm notifies on ALARM and on OK; critical children and windows act only through their composite. */
export function actionsFor(routing: AlarmRouting, topics: AlertTopics): pulumi.Input<string>[] {
    switch (routing) {
        case "page":
            return [topics.criticalTopicArn];
        case "warning":
            return [topics.warningTopicArn];
        case "critical":
        case "window":
            return [];
    }
}

function toMetricQuery(query: MathQuery, periodSeconds: number): aws.types.input.cloudwatch.MetricAlarmMetricQuery {
    return {
        id: query.id,
        label: query.label,
        returnData: query.returnData,
        expression: query.expression,
        metric: query.metric && {
            namespace: query.metric.namespace,
            metricName: query.metric.metricName,
            dimensions: query.metric.dimensions,
            stat: query.metric.stat,
            period: periodSeconds,
        },
    };
}

function sourceArgs(definition: MetricAlarmDefinition): Partial<aws.cloudwatch.MetricAlarmArgs> {
    const { source, evaluation } = definition;
    if (source.kind === "metric") {
        const { metric } = source;
        return {
            namespace: metric.namespace,
            metricName: metric.metricName,
            dimensions: Object.keys(metric.dimensions).length > 0 ? metric.dimensions : undefined,
            period: evaluation.periodSeconds,
            ...(isPercentileStat(metric.stat) ? { extendedStatistic: metric.stat } : { statistic: metric.stat }),
        };
    }
    return {
        metricQueries: source.queries.map((query) => toMetricQuery(query, evaluation.periodSeconds)),
        thresholdMetricId: source.thresholdMetricId,
    };
}

export interface DeclaredAlarm {
    signal: string;
    name: pulumi.Output<string>;
    arn: pulumi.Output<string>;
}

export function declareMetricAlarm(
    resourceName: string,
    alarmName: string,
    definition: MetricAlarmDefinition,
    runbookUrl: string | undefined,
    topics: AlertTopics,
    opts: pulumi.CustomResourceOptions,
): DeclaredAlarm {
    const { source, evaluation } = definition;
    assertAlarmIsValid(alarmName, evaluation, source.kind === "metric" ? 1 : metricCount(source.queries));
    const actions = actionsFor(definition.routing, topics);
    const alarm = new aws.cloudwatch.MetricAlarm(
        resourceName,
        {
            name: alarmName,
            alarmDescription: alarmDescription(definition.summary, runbookUrl),
            comparisonOperator: definition.comparisonOperator,
            threshold: definition.threshold,
            evaluationPeriods: evaluation.evaluationPeriods,
            datapointsToAlarm: evaluation.datapointsToAlarm,
            treatMissingData: definition.treatMissingData,
            actionsEnabled: true,
            alarmActions: actions,
            okActions: actions,
            ...sourceArgs(definition),
        },
        opts,
    );
    return { signal: definition.signal, name: alarm.name, arn: alarm.arn };
}

/** `ALARM("a") OR ALARM("b")`; names are outputs so the children exist before the rule. */
export function compositeRule(operator: "AND" | "OR", childNames: pulumi.Input<string>[]): pulumi.Output<string> {
    return pulumi
        .all(childNames)
        .apply((names) => names.map((name) => `ALARM("${name}")`).join(` ${operator} `));
}

export function declareCompositeAlarm(
    resourceName: string,
    alarmName: string,
    definition: CompositeAlarmDefinition,
    children: readonly DeclaredAlarm[],
    runbookUrl: string | undefined,
    topics: AlertTopics,
    opts: pulumi.CustomResourceOptions,
): DeclaredAlarm {
    const childNames = definition.children.map((signal) => {
        const child = children.find((candidate) => candidate.signal === signal);
        if (child === undefined) {
            throw new Error(`composite alarm "${alarmName}" refers to signal "${signal}", which has no alarm`);
        }
        return child.name;
    });
    if (childNames.length === 0) {
        throw new Error(`composite alarm "${alarmName}" has no child alarms`);
    }
    const actions = actionsFor(definition.routing, topics);
    const alarm = new aws.cloudwatch.CompositeAlarm(
        resourceName,
        {
            alarmName,
            alarmDescription: alarmDescription(definition.summary, runbookUrl),
            alarmRule: compositeRule(definition.operator, childNames),
            actionsEnabled: true,
            alarmActions: actions,
            okActions: actions,
        },
        opts,
    );
    return { signal: definition.signal, name: alarm.alarmName, arn: alarm.arn };
}
