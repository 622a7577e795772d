import * as assert from "assert";
import fc from "fast-check";
import { resourcePolicies, stackPolicies } from "../../policies/catalog";
import { ENGINE_UNKNOWN_SENTINEL, unknownCheckingProxy } from "../../policies/lib/unknowns";
import { change, compliantStack, lambdaFunction, logGroup, methodSettings, restStage, v2Stage, type TestResource } from "./builders";
import { remediate, validate } from "./harness";

/** Every path to a leaf property of `props`. */
function leafPaths(props: Record<string, unknown>, prefix: string[] = []): string[][] {
    return Object.entries(props).flatMap(([key, value]) =>
        value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0
            ? [[...prefix, key], ...leafPaths(value as Record<string, unknown>, [...prefix, key])]
            : [[...prefix, key]],
    );
}

function withUnknown(resource: TestResource, path: string[]): TestResource {
    const patch: Record<string, unknown> = {};
    let cursor = patch;
    path.forEach((key, index) => {
        cursor[key] = index === path.length - 1 ? ENGINE_UNKNOWN_SENTINEL : {};
        cursor = cursor[key] as Record<string, unknown>;
    });
    const changed = change(resource, patch);
    // Exactly how the Analyzer server hands properties to a policy.
    return { ...changed, props: unknownCheckingProxy(changed.props) };
}

const FIXTURES = [lambdaFunction(), logGroup(), restStage(), methodSettings(), v2Stage()];
const ENVIRONMENTS = ["dev", "staging", "prod"];

describe("unknown values during preview", () => {
    it("never throw and never report a compliant resource, whichever property is unknown (property)", () => {
        const cases = FIXTURES.flatMap((resource) => leafPaths(resource.props).map((path) => ({ resource, path })));
        fc.assert(
            fc.property(fc.constantFrom(...cases), fc.constantFrom(...ENVIRONMENTS), ({ resource, path }, environment) => {
                const unknown = withUnknown(resource, path);
                for (const policy of resourcePolicies) {
                    assert.deepStrictEqual(validate(policy.name, unknown, { environment }), [], `${policy.name} ${path.join(".")}`);
                }
            }),
            { numRuns: 200 },
        );
    });

    it("still runs the checks that do not need the unknown value", () => {
        const fn = withUnknown(change(lambdaFunction(), { tracingConfig: { mode: "PassThrough" } }), ["loggingConfig", "logFormat"]);
        assert.strictEqual(validate("lambda-tracing-active", fn).length, 1);
        assert.deepStrictEqual(validate("lambda-structured-logging", fn), []);
    });

    it("treats a wholly unknown object (e.g. accessLogSettings) as not known, not as missing", () => {
        const stage = withUnknown(restStage(), ["accessLogSettings"]);
        assert.deepStrictEqual(validate("rest-stage-access-logs", stage), []);
    });

    it("works on raw sentinel values without the proxy", () => {
        const group = change(logGroup(), { retentionInDays: ENGINE_UNKNOWN_SENTINEL });
        assert.deepStrictEqual(validate("log-group-retention", group), []);
    });

    it("does not remediate from an unknown value, and passes other unknowns back untouched", () => {
        assert.strictEqual(remediate("lambda-tracing-active", withUnknown(lambdaFunction(), ["tracingConfig", "mode"])), undefined);
        const fixed = remediate("lambda-tracing-active", withUnknown(change(lambdaFunction(), { tracingConfig: undefined }), ["role"]));
        assert.strictEqual(fixed?.role, ENGINE_UNKNOWN_SENTINEL);
        assert.deepStrictEqual(fixed?.tracingConfig, { mode: "Active" });
    });

    it("stack policies neither throw nor report when any property of any resource is unknown (property)", () => {
        const stack = compliantStack();
        const cases = stack.flatMap((resource, index) => leafPaths(resource.props).map((path) => ({ index, path })));
        fc.assert(
            fc.property(fc.constantFrom(...cases), ({ index, path }) => {
                const resources = stack.map((resource, position) =>
                    position === index ? withUnknown(resource, path) : { ...resource, props: unknownCheckingProxy(resource.props) },
                );
                for (const policy of stackPolicies) {
                    const reported: string[] = [];
                    policy.validateStack({ resources, getConfig: <T extends object>() => ({ environment: "prod" }) as T }, (message) => reported.push(message));
                    assert.deepStrictEqual(reported, [], `${policy.name} ${stack[index].name}.${path.join(".")}`);
                }
            }),
            { numRuns: 150 },
        );
    });
});
