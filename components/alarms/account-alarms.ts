import * as pulumi from "@pulumi/pulumi";
import { AlarmConfig, Environment } from "../../config/types";
import { childName } from "../naming";
import { configuredEvaluation } from "./context";
import { MetricAlarmDefinition, declareMetricAlarm } from "./definition";
import { accountConcurrentExecutions } from "./lambda";
import { SIGNALS, accountWideAlarmName, concurrencyThreshold } from "./strategy";

export interface AccountAlarmsArgs {
    environment: Environment;
    alarms: AlarmConfig;
    criticalTopicArn: pulumi.Input<string>;
    /** Account-wide signals warn: paging is reserved for what users feel (service composites). */
    warningTopicArn: pulumi.Input<string>;
    /** Runbook of the platform team, which owns account limits (the description says when there is none). */
    runbookUrl?: string;
}

export function accountConcurrencyAlarm(alarms: AlarmConfig): MetricAlarmDefinition {
    const threshold = concurrencyThreshold(alarms.accountConcurrencyLimit, alarms.concurrencyPercent);
    return {
        signal: SIGNALS.accountConcurrency,
        routing: "warning",
        summary:
            `Lambda concurrency in this account and region is above ${threshold} ` +
            `(${alarms.concurrencyPercent}% of the limit of ${alarms.accountConcurrencyLimit}); beyond the limit every function throttles.`,
        comparisonOperator: "GreaterThanThreshold",
        threshold,
        treatMissingData: "notBreaching",
        evaluation: configuredEvaluation(alarms),
        source: { kind: "metric", metric: accountConcurrentExecutions() },
    };
}

/** Alarms on limits the whole account shares, declared once per stack rather than per service. */
export class AccountAlarms extends pulumi.ComponentResource {
    readonly alarmNames: pulumi.Output<string[]>;
    readonly alarmArns: pulumi.Output<string[]>;

    constructor(name: string, args: AccountAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("observability:alarms:AccountAlarms", name, {}, opts);
        const topics = { criticalTopicArn: args.criticalTopicArn, warningTopicArn: args.warningTopicArn };
        const concurrency = accountConcurrencyAlarm(args.alarms);
        const declared = [
            declareMetricAlarm(
                childName(name, concurrency.signal),
                accountWideAlarmName(args.environment, concurrency.signal),
                concurrency,
                args.runbookUrl,
                topics,
                { parent: this },
            ),
        ];
        this.alarmNames = pulumi.all(declared.map((alarm) => alarm.name));
        this.alarmArns = pulumi.all(declared.map((alarm) => alarm.arn));
        this.registerOutputs({ alarmNames: this.alarmNames, alarmArns: this.alarmArns });
    }
}
