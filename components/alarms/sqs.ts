import { ServiceAlarmContext, configuredEvaluation } from "./context";
import { MetricAlarmDefinition } from "./definition";
import { MetricSpec } from "./metrics";
import { SIGNALS, perResourceSignal } from "./strategy";

/** Metrics of SQS queues (namespace `AWS/SQS`). */
export const SQS_NAMESPACE = "AWS/SQS";

/** Messages waiting in a queue; for a dead-letter queue, messages that failed for good. */
export function queueDepth(queueName: string): MetricSpec {
    return {
        namespace: SQS_NAMESPACE,
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: queueName },
        stat: "Maximum",
    };
}

/**
 * Any message in a dead-letter queue is work that failed for good, so it is critical. Missing
 * data is ignored: SQS stops publishing for idle queues, and a queue that still holds failed
 * messages must stay in ALARM until someone drains it.
 */
export function deadLetterQueueAlarms(context: ServiceAlarmContext): MetricAlarmDefinition[] {
    const { service, alarms } = context;
    const queues = service.deadLetterQueues;
    return queues.map((queueName) => ({
        signal: perResourceSignal(SIGNALS.dlqDepth, queueName, queues),
        routing: "critical",
        summary: `Dead-letter queue ${queueName} of ${service.name} holds at least one message that failed all retries.`,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        treatMissingData: "ignore",
        evaluation: configuredEvaluation(alarms),
        source: { kind: "metric", metric: queueDepth(queueName) },
    }));
}
