export { ERRORS_GROUP_FILTER, Tracing, slowRequestsGroupFilter } from "./tracing";
export type { TracingArgs } from "./tracing";
export { DEFAULT_RULE_PRIORITY, pathSlug, samplingRuleSpecs, serviceSegmentNames } from "./sampling";
export type { SamplingRuleSpec } from "./sampling";
