/**
 * The reference service (SPEC §9): two traced Lambda functions behind one REST API, the first
 * calling the second over HTTP with X-Ray, W3C and correlation-id propagation. The handlers live
 * in ./handlers and are bundled separately; this module is the Pulumi side.
 */
export { ReferenceService, REFERENCE_SERVICE_TYPE } from "./reference-service";
export type { ReferenceServiceArgs } from "./reference-service";
export { referenceOpenApiSpec, SIGV4_SCHEME } from "./openapi";
export { FAULT_INJECTION_PREFIX, ORDERS_ROUTE, PROPAGATION_HEADERS, REFERENCE_VARIABLES, STOCK_ROUTE } from "./contract";
