import { CompositeAlarmDefinition, MetricAlarmDefinition } from "./definition";
import { ServiceAlarmContext } from "./context";
import { MathQuery } from "./metrics";
import { errorSeries, requestSeries } from "./service-metrics";
import { BURN_RATE_POLICIES, BurnRatePolicy, burnRateThresholdPercent, burnWindowSignal } from "./strategy";

/**
 * Multi-window, multi-burn-rate SLO alerts (Google SRE workbook): fast burn when the error
 * ratio exceeds 14.4 × budget over both 1 h and 5 min, slow burn at 6 × budget over both 6 h and
 * 30 min. Each window is a metric alarm; a composite `ALARM(long) AND ALARM(short)` acts.
 *
 * Why the windows are not alarm periods: a 1 h period with one datapoint declares a detection
 * time of an hour, and the estate allows five minutes. Instead every window alarm uses a
 * five-minute period with one datapoint to alarm, and as many evaluation periods as the window
 * holds (12 for 1 h, 72 for 6 h). CloudWatch retrieves period × evaluation periods of data for
 * each evaluation (the evaluation window, sliding and re-evaluated every minute), and `SUM()` of
 * a single series reduces that whole window to one value, so the expression below is the error
 * ratio over the entire window; adding `0 * FILL(requests, 0)` spreads that value over the
 * window's datapoints, which makes one breaching datapoint mean "the window ratio breaches".
 * With no requests in the window the division yields no data, which `notBreaching` reads as OK.
 */

/** Period of every window alarm; it must divide every window length. */
export const BURN_RATE_PERIOD_SECONDS = 300;

function windowQueries(context: ServiceAlarmContext): MathQuery[] {
    const errors = errorSeries(context.service);
    const requests = requestSeries(context.service);
    return [
        ...errors.queries,
        ...requests.queries,
        {
            id: "window_error_rate",
            expression: `100 * SUM(${errors.id}) / SUM(${requests.id}) + 0 * FILL(${requests.id}, 0)`,
            label: "error rate over the window (%)",
            returnData: true,
        },
    ];
}

function windowAlarm(
    context: ServiceAlarmContext,
    policy: BurnRatePolicy,
    windowMinutes: number,
    periodSeconds: number,
): MetricAlarmDefinition {
    const windowSeconds = windowMinutes * 60;
    if (windowSeconds % periodSeconds !== 0) {
        throw new Error(
            `burn-rate window of ${windowMinutes} min is not a whole number of ${periodSeconds}-s periods; choose a burn-rate period that divides every window`,
        );
    }
    const threshold = burnRateThresholdPercent(context.service.slo.availabilityPercent, policy.burnRate);
    return {
        signal: burnWindowSignal(policy, windowMinutes),
        routing: "window",
        summary:
            `Error rate of ${context.service.name} over the last ${windowMinutes} min is above ${threshold}% ` +
            `(${policy.burnRate}× the error budget of its ${context.service.slo.availabilityPercent}% availability SLO). ` +
            `One window of the ${policy.signal} alert; it acts only through that composite.`,
        comparisonOperator: "GreaterThanThreshold",
        threshold,
        treatMissingData: "notBreaching",
        evaluation: { periodSeconds, evaluationPeriods: windowSeconds / periodSeconds, datapointsToAlarm: 1 },
        source: { kind: "math", queries: windowQueries(context) },
    };
}

export interface BurnRateAlarms {
    windows: MetricAlarmDefinition[];
    composites: CompositeAlarmDefinition[];
}

export function burnRateAlarms(context: ServiceAlarmContext, periodSeconds = BURN_RATE_PERIOD_SECONDS): BurnRateAlarms {
    const windows: MetricAlarmDefinition[] = [];
    const composites: CompositeAlarmDefinition[] = [];
    for (const policy of BURN_RATE_POLICIES) {
        const long = windowAlarm(context, policy, policy.longWindowMinutes, periodSeconds);
        const short = windowAlarm(context, policy, policy.shortWindowMinutes, periodSeconds);
        windows.push(long, short);
        composites.push({
            signal: policy.signal,
            routing: policy.routing,
            summary:
                `${context.service.name} is spending its error budget ${policy.burnRate}× faster than its ` +
                `${context.service.slo.availabilityPercent}% availability SLO allows, over both ${policy.longWindowMinutes} min and ${policy.shortWindowMinutes} min.`,
            operator: "AND",
            children: [long.signal, short.signal],
        });
    }
    return { windows, composites };
}
