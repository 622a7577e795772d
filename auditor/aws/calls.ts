/**
 * Every AWS API call the auditor makes can be observed: the IAM policy test compares them with
 * the shipped policy, and the benchmark counts them.
 */

export interface ApiCall {
    /** The SDK client, e.g. `LambdaClient`, `ResourceGroupsTaggingAPIClient`. */
    client: string;
    /** The operation, e.g. `ListFunctions`. */
    operation: string;
    region: string;
}

export type CallListener = (call: ApiCall) => void;
