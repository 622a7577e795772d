import { ServiceAlarmContext } from "./context";
import { MetricAlarmDefinition } from "./definition";
import { requestSeries } from "./service-metrics";
import { AlarmEvaluation, SIGNALS } from "./strategy";

/** Traffic is compared in five-minute buckets: the spec's "against the previous 5 minutes". */
export const TRAFFIC_PERIOD_SECONDS = 300;

/**
 * Two periods are retrieved so that `DIFF` has the previous bucket to compare with; one
 * breaching datapoint alarms, so detection stays at one five-minute period.
 */
const TRAFFIC_EVALUATION: AlarmEvaluation = {
    periodSeconds: TRAFFIC_PERIOD_SECONDS,
    evaluationPeriods: 2,
    datapointsToAlarm: 1,
};

/**
 * Increase (%) of requests over the previous five minutes. Metric math has no lag function, but
 * `DIFF(r)` is `r(t) − r(t−1)`, so the previous bucket is `r − DIFF(r)`. Below the minimum
 * request count the expression is 0: going from 2 to 5 requests is not a spike.
 */
export function trafficSpikeExpression(requestsId: string, minimumRequests: number): string {
    const previous = `(${requestsId} - DIFF(${requestsId}))`;
    return `IF(${requestsId} >= ${minimumRequests} AND ${previous} > 0, 100 * DIFF(${requestsId}) / ${previous}, 0)`;
}

export function trafficSpikeAlarm(context: ServiceAlarmContext): MetricAlarmDefinition {
    const { service, alarms } = context;
    const requests = requestSeries(service);
    return {
        signal: SIGNALS.trafficSpike,
        routing: "warning",
        summary:
            `Requests to ${service.name} rose more than ${alarms.trafficSpikePercent}% against the previous 5 minutes ` +
            `(counted only from ${alarms.trafficSpikeMinimumRequests} requests per 5 minutes).`,
        comparisonOperator: "GreaterThanThreshold",
        threshold: alarms.trafficSpikePercent,
        treatMissingData: "notBreaching",
        evaluation: TRAFFIC_EVALUATION,
        source: {
            kind: "math",
            queries: [
                ...requests.queries,
                {
                    id: "spike",
                    expression: trafficSpikeExpression(requests.id, alarms.trafficSpikeMinimumRequests),
                    label: "request increase over the previous 5 minutes (%)",
                    returnData: true,
                },
            ],
        },
    };
}

/** Width of the anomaly band in standard deviations. */
export const ANOMALY_BAND_WIDTH = 2;

/** Requests above the band CloudWatch's anomaly detector learned from the service's history. */
export function trafficAnomalyAlarm(context: ServiceAlarmContext): MetricAlarmDefinition {
    const { service } = context;
    const requests = requestSeries(service);
    // The watched series and the band both return data; the band is the threshold.
    const queries = requests.queries.map((query) => (query.id === requests.id ? { ...query, returnData: true } : query));
    return {
        signal: SIGNALS.trafficAnomaly,
        routing: "warning",
        summary: `Requests to ${service.name} are above the expected band (${ANOMALY_BAND_WIDTH} standard deviations) learned from their history.`,
        comparisonOperator: "GreaterThanUpperThreshold",
        treatMissingData: "notBreaching",
        evaluation: { periodSeconds: TRAFFIC_PERIOD_SECONDS, evaluationPeriods: 1, datapointsToAlarm: 1 },
        source: {
            kind: "math",
            queries: [
                ...queries,
                {
                    id: "band",
                    expression: `ANOMALY_DETECTION_BAND(${requests.id}, ${ANOMALY_BAND_WIDTH})`,
                    label: "expected requests",
                    returnData: true,
                },
            ],
            thresholdMetricId: "band",
        },
    };
}
