import {
    ALARM_MAX_DETECTION_SECONDS,
    ALARM_MAX_METRICS,
    ALARM_MAX_WINDOW_SECONDS,
    ALARM_NAME_MAX_LENGTH,
    isValidAlarmPeriod,
} from "../../policies/rules/cloudwatch";
import { accountAlarmName, alarmName } from "../naming";

/**
 * The alarm strategy: which signals the estate watches, how each alarm is named, where it is
 * routed, how it treats missing data, and how thresholds follow from the SLO. Alarm builders,
 * dashboards and tests import these instead of restating them (as cdk-monitoring-constructs
 * keeps naming in one strategy class).
 */

/** Signal suffixes of alarm names (`<environment>-<service>-<signal>`). */
export const SIGNALS = {
    errorRate: "error-rate",
    latencyP95: "latency-p95",
    lambdaThrottles: "lambda-throttles",
    dynamodbReadThrottles: "dynamodb-read-throttles",
    dynamodbWriteThrottles: "dynamodb-write-throttles",
    trafficSpike: "traffic-spike",
    trafficAnomaly: "traffic-anomaly",
    dlqDepth: "dlq-depth",
    logErrors: "log-errors",
    /** The service's paging composite. */
    critical: "critical",
    /** Account-wide Lambda concurrency (see `accountAlarmName`). */
    accountConcurrency: "lambda-concurrency",
} as const;

/**
 * How an alarm reaches people.
 * - `page`: the service's composite; notifies the critical topic (PagerDuty) on ALARM and OK.
 * - `critical`: a child of the service's paging composite. It has no actions of its own, so one
 *   incident pages once (the composite's notification lists the triggering children).
 * - `warning`: notifies the warning topic on ALARM and OK.
 * - `window`: one window of a multi-window burn-rate pair; only its composite acts.
 */
export type AlarmRouting = "page" | "critical" | "warning" | "window";

/**
 * `notBreaching` where no data means nothing happened (no requests, no errors, no throttles);
 * `ignore` for dead-letter queues, whose depth metric stops when a queue goes idle: a queue
 * holding failed messages must stay in ALARM until someone drains it.
 */
export type TreatMissingData = "notBreaching" | "breaching" | "ignore" | "missing";

/** A multi-window, multi-burn-rate SLO alert (Google SRE workbook, chapter 5, table 5-8). */
export interface BurnRatePolicy {
    signal: string;
    /** Budget consumption speed that triggers: 14.4× spends 2% of a 30-day budget in 1 h. */
    burnRate: number;
    longWindowMinutes: number;
    shortWindowMinutes: number;
    routing: Extract<AlarmRouting, "critical" | "warning">;
}

/** Fast burn pages (critical); slow burn is a ticket-level warning, as the workbook advises. */
export const BURN_RATE_POLICIES: readonly BurnRatePolicy[] = [
    { signal: "slo-fast-burn", burnRate: 14.4, longWindowMinutes: 60, shortWindowMinutes: 5, routing: "critical" },
    { signal: "slo-slow-burn", burnRate: 6, longWindowMinutes: 360, shortWindowMinutes: 30, routing: "warning" },
];

/** Signal of one window of a burn-rate pair, e.g. `slo-fast-burn-1h`, `slo-fast-burn-5m`. */
export function burnWindowSignal(policy: BurnRatePolicy, windowMinutes: number): string {
    const window = windowMinutes % 60 === 0 ? `${windowMinutes / 60}h` : `${windowMinutes}m`;
    return `${policy.signal}-${window}`;
}

/** Round away binary floating-point noise (14.4 × 0.1 is 1.4400000000000002). */
function tidy(value: number): number {
    return Number(value.toFixed(9));
}

/** Error budget in percent of requests: 99.9% availability leaves 0.1%. */
export function errorBudgetPercent(availabilityPercent: number): number {
    return tidy(100 - availabilityPercent);
}

/** Error-rate threshold (percent) of a burn-rate window: burn rate × budget, 14.4 × 0.1% = 1.44%. */
export function burnRateThresholdPercent(availabilityPercent: number, burnRate: number): number {
    return tidy(burnRate * errorBudgetPercent(availabilityPercent));
}

/** Account Lambda concurrency that counts as near the limit. */
export function concurrencyThreshold(accountConcurrencyLimit: number, concurrencyPercent: number): number {
    return tidy((accountConcurrencyLimit * concurrencyPercent) / 100);
}

/**
 * Signal of a per-resource alarm (a table, a queue, a function). A service with one such
 * resource keeps the plain signal, so the common case has stable, short names; with several,
 * the resource name tells the alarms apart.
 */
export function perResourceSignal(signal: string, resource: string, resources: readonly string[]): string {
    return resources.length > 1 ? `${signal}-${resource}` : signal;
}

function checkedName(name: string): string {
    if (name.length > ALARM_NAME_MAX_LENGTH) {
        throw new Error(
            `alarm name "${name}" is ${name.length} characters long; CloudWatch allows at most ${ALARM_NAME_MAX_LENGTH}`,
        );
    }
    return name;
}

/** Name of a service alarm, checked against CloudWatch's limit. */
export function serviceAlarmName(environment: string, service: string, signal: string): string {
    return checkedName(alarmName(environment, service, signal));
}

/** Name of an account-wide alarm, checked against CloudWatch's limit. */
export function accountWideAlarmName(environment: string, signal: string): string {
    return checkedName(accountAlarmName(environment, signal));
}

/** Alarm descriptions say what the alarm means and where the runbook is. */
export const ALARM_DESCRIPTION_MAX_LENGTH = 1024;

export function alarmDescription(summary: string, runbookUrl: string | undefined): string {
    const description = runbookUrl
        ? `${summary} Runbook: ${runbookUrl}`
        : `${summary} No runbook is configured for this alarm (estate-wide alarms link observability:alerting.platformRunbookUrl).`;
    if (description.length > ALARM_DESCRIPTION_MAX_LENGTH) {
        throw new Error(
            `alarm description "${description.slice(0, 60)}…" is ${description.length} characters long; CloudWatch allows at most ${ALARM_DESCRIPTION_MAX_LENGTH}`,
        );
    }
    return description;
}

/** When a metric alarm evaluates: period, evaluation periods (N) and datapoints to alarm (M). */
export interface AlarmEvaluation {
    periodSeconds: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
}

/**
 * Every metric alarm passes through here before it is declared: a valid period, M ≤ N,
 * detection (period × M) within five minutes, an evaluation window within one day, and at most
 * ten metrics in a math alarm. A violation is a programming or configuration error, so it stops
 * the program with the alarm name, the value and the limit.
 */
export function assertAlarmIsValid(name: string, evaluation: AlarmEvaluation, metricCount: number): void {
    const { periodSeconds, evaluationPeriods, datapointsToAlarm } = evaluation;
    const problems: string[] = [];
    if (!isValidAlarmPeriod(periodSeconds)) {
        problems.push(`period ${periodSeconds} s is not 10, 30 or a multiple of 60`);
    }
    if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
        problems.push(`evaluationPeriods ${evaluationPeriods} is not a positive integer`);
    }
    if (!Number.isInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
        problems.push(`datapointsToAlarm ${datapointsToAlarm} must be an integer from 1 to evaluationPeriods (${evaluationPeriods})`);
    }
    const detection = periodSeconds * datapointsToAlarm;
    if (detection > ALARM_MAX_DETECTION_SECONDS) {
        problems.push(
            `detection time period × datapointsToAlarm = ${periodSeconds} × ${datapointsToAlarm} = ${detection} s exceeds ${ALARM_MAX_DETECTION_SECONDS} s`,
        );
    }
    const window = periodSeconds * evaluationPeriods;
    if (window > ALARM_MAX_WINDOW_SECONDS) {
        problems.push(
            `evaluation window period × evaluationPeriods = ${periodSeconds} × ${evaluationPeriods} = ${window} s exceeds ${ALARM_MAX_WINDOW_SECONDS} s`,
        );
    }
    if (metricCount > ALARM_MAX_METRICS) {
        problems.push(`it reads ${metricCount} metrics; a metric math alarm may read at most ${ALARM_MAX_METRICS}`);
    }
    if (problems.length > 0) {
        throw new Error(`alarm "${name}" is invalid: ${problems.join("; ")}`);
    }
}
