import * as assert from "assert";
import { change, lambdaFunction } from "./builders";
import { remediate, validate } from "./harness";

describe("lambda policies", () => {
    describe("lambda-tracing-active", () => {
        it("accepts a function with Active tracing", () => {
            assert.deepStrictEqual(validate("lambda-tracing-active", lambdaFunction()), []);
        });

        it("reports PassThrough tracing with the resource, the value found and the fix", () => {
            const [message, ...rest] = validate("lambda-tracing-active", change(lambdaFunction(), { tracingConfig: { mode: "PassThrough" } }));
            assert.strictEqual(rest.length, 0);
            assert.match(message, /Lambda function "orders"/);
            assert.match(message, /urn:pulumi:/);
            assert.match(message, /found: tracingConfig\.mode "PassThrough"/);
            assert.match(message, /Fix: set tracingConfig\.mode to "Active"/);
        });

        it("reports a function without tracingConfig", () => {
            const [message] = validate("lambda-tracing-active", change(lambdaFunction(), { tracingConfig: undefined }));
            assert.match(message, /tracingConfig\.mode not set/);
        });

        it("ignores other resource types", () => {
            const notALambda = { ...change(lambdaFunction(), { tracingConfig: undefined }), type: "aws:ecs/service:Service" };
            assert.deepStrictEqual(validate("lambda-tracing-active", notALambda), []);
        });

        it("remediates by setting Active and keeps the other properties", () => {
            const fixed = remediate("lambda-tracing-active", change(lambdaFunction(), { tracingConfig: { mode: "PassThrough" } }));
            assert.deepStrictEqual(fixed?.tracingConfig, { mode: "Active" });
            assert.strictEqual(fixed?.handler, "index.handler");
            assert.strictEqual(remediate("lambda-tracing-active", lambdaFunction()), undefined);
        });
    });

    describe("lambda-structured-logging", () => {
        it("accepts JSON logs with allowed levels", () => {
            assert.deepStrictEqual(validate("lambda-structured-logging", lambdaFunction()), []);
        });

        it("reports Text logs", () => {
            const [message] = validate("lambda-structured-logging", change(lambdaFunction(), { loggingConfig: { logFormat: "Text", applicationLogLevel: undefined, systemLogLevel: undefined } }));
            assert.match(message, /not structured JSON/);
            assert.match(message, /found: loggingConfig\.logFormat "Text"/);
        });

        it("reports a function without loggingConfig", () => {
            const [message] = validate("lambda-structured-logging", change(lambdaFunction(), { loggingConfig: undefined }));
            assert.match(message, /loggingConfig\.logFormat not set/);
        });

        it("reports missing levels, one violation each", () => {
            const messages = validate("lambda-structured-logging", change(lambdaFunction(), { loggingConfig: { applicationLogLevel: undefined, systemLogLevel: undefined } }));
            assert.strictEqual(messages.length, 2);
            assert.match(messages[0], /applicationLogLevel is not set/);
            assert.match(messages[1], /systemLogLevel is not set/);
        });

        it("rejects DEBUG in prod but allows it in dev", () => {
            const debug = change(lambdaFunction(), { loggingConfig: { applicationLogLevel: "DEBUG", systemLogLevel: "DEBUG" } });
            const prod = validate("lambda-structured-logging", debug, { environment: "prod" });
            assert.strictEqual(prod.length, 2);
            assert.match(prod[0], /applicationLogLevel DEBUG is not allowed in prod/);
            assert.match(prod[0], /one of INFO, WARN, ERROR, FATAL/);
            assert.deepStrictEqual(validate("lambda-structured-logging", debug, { environment: "dev" }), []);
        });

        it("honours configured allowed levels", () => {
            const warn = change(lambdaFunction(), { loggingConfig: { applicationLogLevel: "WARN" } });
            const config = { environment: "prod", allowedApplicationLogLevels: { prod: ["ERROR", "FATAL"] } };
            assert.match(validate("lambda-structured-logging", warn, config)[0], /WARN is not allowed in prod/);
        });

        it("remediates to JSON, keeping allowed levels and replacing disallowed ones", () => {
            const text = change(lambdaFunction(), { loggingConfig: { logFormat: "Text", applicationLogLevel: "ERROR", systemLogLevel: "DEBUG" } });
            const fixed = remediate("lambda-structured-logging", text);
            assert.deepStrictEqual(fixed?.loggingConfig, { logFormat: "JSON", applicationLogLevel: "ERROR", systemLogLevel: "INFO" });
            assert.deepStrictEqual(validate("lambda-structured-logging", { ...text, props: fixed! }), []);
        });

        it("keeps an explicit log group when remediating", () => {
            const custom = change(lambdaFunction(), { loggingConfig: { logFormat: "Text", logGroup: "/app/prod/orders" } });
            const fixed = remediate("lambda-structured-logging", custom);
            assert.strictEqual((fixed?.loggingConfig as Record<string, unknown>).logGroup, "/app/prod/orders");
        });
    });
});
