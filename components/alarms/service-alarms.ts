import * as pulumi from "@pulumi/pulumi";
import { AlarmConfig, Environment, ServiceConfig } from "../../config/types";
import { childName, serviceMetricNamespace } from "../naming";
import { ServiceAlarmContext } from "./context";
import { dynamodbThrottleAlarms } from "./dynamodb";
import {
    CompositeAlarmDefinition,
    DeclaredAlarm,
    MetricAlarmDefinition,
    declareCompositeAlarm,
    declareMetricAlarm,
} from "./definition";
import { errorRateAlarm, latencyAlarm } from "./golden-signals";
import { lambdaThrottleAlarms } from "./lambda";
import { logErrorAlarm } from "./logs";
import { BURN_RATE_PERIOD_SECONDS, burnRateAlarms } from "./slo";
import { deadLetterQueueAlarms } from "./sqs";
import { SIGNALS, serviceAlarmName } from "./strategy";
import { trafficAnomalyAlarm, trafficSpikeAlarm } from "./traffic";

export interface ServiceAlarmsArgs {
    environment: Environment;
    service: ServiceConfig;
    alarms: AlarmConfig;
    /** Topic the service's composite pages. */
    criticalTopicArn: pulumi.Input<string>;
    /** Topic warnings notify. */
    warningTopicArn: pulumi.Input<string>;
    /** Namespace of the log metric filters; default `serviceMetricNamespace(environment, service)`. */
    logMetricNamespace?: string;
    /** Error log lines per period tolerated before the log-error alarm fires; default 0. */
    logErrorThreshold?: number;
    /** Period of the burn-rate window alarms; must divide 5, 30, 60 and 360 minutes. Default 300 s. */
    burnRatePeriodSeconds?: number;
}

/** Every alarm of one service as data, before anything is declared. */
export interface ServiceAlarmPlan {
    metricAlarms: MetricAlarmDefinition[];
    /** In dependency order: burn-rate composites, then the service's paging composite last. */
    compositeAlarms: CompositeAlarmDefinition[];
}

export function serviceAlarmPlan(args: ServiceAlarmsArgs): ServiceAlarmPlan {
    const context: ServiceAlarmContext = {
        environment: args.environment,
        service: args.service,
        alarms: args.alarms,
        logMetricNamespace: args.logMetricNamespace ?? serviceMetricNamespace(args.environment, args.service.name),
    };
    const burnRates = burnRateAlarms(context, args.burnRatePeriodSeconds ?? BURN_RATE_PERIOD_SECONDS);
    const metricAlarms: MetricAlarmDefinition[] = [
        errorRateAlarm(context),
        latencyAlarm(context),
        ...burnRates.windows,
        // API services run on Lambda too (`functionNames`), so every service watches its functions.
        ...lambdaThrottleAlarms(context),
        ...dynamodbThrottleAlarms(context),
        trafficSpikeAlarm(context),
        ...(args.alarms.anomalyDetection ? [trafficAnomalyAlarm(context)] : []),
        ...deadLetterQueueAlarms(context),
        logErrorAlarm(context, args.logErrorThreshold ?? 0),
    ];
    const criticalChildren = [...metricAlarms, ...burnRates.composites]
        .filter((definition) => definition.routing === "critical")
        .map((definition) => definition.signal);
    const page: CompositeAlarmDefinition = {
        signal: SIGNALS.critical,
        routing: "page",
        summary: `${args.service.name} is failing its users: at least one critical alarm (${criticalChildren.join(", ")}) is in ALARM.`,
        operator: "OR",
        children: criticalChildren,
    };
    const plan = { metricAlarms, compositeAlarms: [...burnRates.composites, page] };
    const signals = [...plan.metricAlarms, ...plan.compositeAlarms].map((definition) => definition.signal);
    const duplicate = signals.find((signal, index) => signals.indexOf(signal) !== index);
    if (duplicate !== undefined) {
        throw new Error(`service "${args.service.name}" would get two alarms for signal "${duplicate}"`);
    }
    return plan;
}

/**
 * All alarms of one service (SPEC §4.7): error rate, p95 latency, SLO burn rates, throttles,
 * DynamoDB throttling, traffic spike (and anomaly band), dead-letter queues, log errors, and
 * the composite that pages when any critical one fires.
 */
export class ServiceAlarms extends pulumi.ComponentResource {
    /** Names of every alarm of the service, composites included. */
    readonly alarmNames: pulumi.Output<string[]>;
    /** ARNs of every alarm of the service, composites included. */
    readonly alarmArns: pulumi.Output<string[]>;
    /** The composite that pages (critical topic). */
    readonly criticalAlarmName: pulumi.Output<string>;
    readonly criticalAlarmArn: pulumi.Output<string>;

    constructor(name: string, args: ServiceAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:alarms:ServiceAlarms", name, {}, opts);
        const plan = serviceAlarmPlan(args);
        const topics = { criticalTopicArn: args.criticalTopicArn, warningTopicArn: args.warningTopicArn };
        const nameOf = (signal: string) => serviceAlarmName(args.environment, args.service.name, signal);
        const declared: DeclaredAlarm[] = [];
        for (const definition of plan.metricAlarms) {
            declared.push(
                declareMetricAlarm(
                    childName(name, definition.signal),
                    nameOf(definition.signal),
                    definition,
                    args.service.runbookUrl,
                    topics,
                    { parent: this },
                ),
            );
        }
        for (const definition of plan.compositeAlarms) {
            declared.push(
                declareCompositeAlarm(
                    childName(name, definition.signal),
                    nameOf(definition.signal),
                    definition,
                    declared,
                    args.service.runbookUrl,
                    topics,
                    { parent: this },
                ),
            );
        }
        const critical = declared[declared.length - 1];
        this.alarmNames = pulumi.all(declared.map((alarm) => alarm.name));
        this.alarmArns = pulumi.all(declared.map((alarm) => alarm.arn));
        this.criticalAlarmName = critical.name;
        this.criticalAlarmArn = critical.arn;
        this.registerOutputs({
            alarmNames: this.alarmNames,
            alarmArns: this.alarmArns,
            criticalAlarmName: this.criticalAlarmName,
            criticalAlarmArn: this.criticalAlarmArn,
        });
    }
}
