import * as pulumi from "@pulumi/pulumi";
import { OFFLINE_ACCOUNT_ID, mockCall, mockOutputs } from "../../engine/mock-outputs";

/**
 * In-process Pulumi mocks for component tests. Every registered resource is recorded with its
 * resolved inputs; custom resources get the computed outputs the offline preview gives them
 * (engine/mock-outputs.ts: id, arn, physical names), so tests and previews see the same values.
 */
export interface RecordedResource {
    type: string;
    name: string;
    inputs: Record<string, any>;
    custom: boolean;
}

export const MOCK_ACCOUNT_ID = OFFLINE_ACCOUNT_ID;
export const MOCK_REGION = "eu-west-1";

export class RecordingMocks implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
        this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, custom: args.custom ?? true });
        return mockOutputs(args.type, args.name, args.inputs, MOCK_REGION, MOCK_ACCOUNT_ID);
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        return mockCall(args.token, args.inputs, MOCK_REGION, MOCK_ACCOUNT_ID);
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }
}

/** Installs fresh recording mocks for one test (call in `beforeEach`). */
export async function useRecordingMocks(stack = "dev"): Promise<RecordingMocks> {
    const mocks = new RecordingMocks();
    await pulumi.runtime.setMocks(mocks, "observability-estate", stack, false);
    return mocks;
}

/** Resolves an Output in a test (mocks make every output known). */
export function resolve<T>(output: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
    return new Promise((done) => pulumi.output(output).apply((value) => done(value as T)));
}

// `waitForRPCs` is marked internal in the typings but is what `disconnect` uses to drain the queue.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeSettings: { waitForRPCs(): Promise<void>; getMonitor(): unknown } = require("@pulumi/pulumi/runtime/settings");

/** Waits until every resource registration in flight has reached the mocks. */
export function settle(): Promise<void> {
    return runtimeSettings.waitForRPCs();
}

/**
 * URNs of every resource registered so far. A mock URN carries the type chain of its parents
 * (`...::observability:index:ObservabilityEstate$aws:s3/bucket:Bucket::name`), so tests can
 * check which component each resource belongs to.
 */
export function registeredUrns(): string[] {
    const monitor = runtimeSettings.getMonitor() as unknown as { getRegisteredResources(): Map<string, unknown> };
    return [...monitor.getRegisteredResources().keys()];
}

/**
 * Records the type, name, inputs and options of a component's children as they are declared
 * (pass `transformations` in the component's options): the mocks never see `dependsOn`, this does.
 */
export function captureChildOptions(): { transformations: pulumi.ResourceTransformation[]; declared: pulumi.ResourceTransformationArgs[] } {
    const declared: pulumi.ResourceTransformationArgs[] = [];
    return {
        declared,
        transformations: [
            (args) => {
                declared.push(args);
                return undefined;
            },
        ],
    };
}
