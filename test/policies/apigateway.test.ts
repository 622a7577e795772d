import * as assert from "assert";
import { change, methodSettings, restStage, v2Stage } from "./builders";
import { remediate, validate } from "./harness";

const CLF = '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.resourcePath" $context.status $context.requestId';

describe("API Gateway policies", () => {
    describe("rest-stage-xray-tracing", () => {
        it("accepts a traced stage", () => {
            assert.deepStrictEqual(validate("rest-stage-xray-tracing", restStage()), []);
        });

        it("reports tracing off and remediates it", () => {
            const untraced = change(restStage(), { xrayTracingEnabled: false });
            const [message] = validate("rest-stage-xray-tracing", untraced);
            assert.match(message, /REST API stage "api-stage"/);
            assert.match(message, /found: xrayTracingEnabled false/);
            assert.strictEqual(remediate("rest-stage-xray-tracing", untraced)?.xrayTracingEnabled, true);
        });
    });

    describe("rest-stage-access-logs", () => {
        it("accepts a JSON format with the required variables, numbers unquoted", () => {
            assert.deepStrictEqual(validate("rest-stage-access-logs", restStage()), []);
        });

        it("reports a stage without access logs", () => {
            const [message] = validate("rest-stage-access-logs", change(restStage(), { accessLogSettings: undefined }));
            assert.match(message, /access logging is off/);
            assert.match(message, /\$context\.xrayTraceId/);
        });

        it("reports a Common Log Format template", () => {
            const [message] = validate("rest-stage-access-logs", change(restStage(), { accessLogSettings: { format: CLF } }));
            assert.match(message, /not a JSON object/);
            assert.match(message, /found: accessLogSettings\.format "\$context\.identity\.sourceIp/);
        });

        it("names the missing variables", () => {
            const format = '{"requestId":"$context.requestId","status":$context.status}';
            const [message] = validate("rest-stage-access-logs", change(restStage(), { accessLogSettings: { format } }));
            assert.match(message, /lacks \$context\.xrayTraceId, \$context\.responseLatency/);
        });

        it("reports a missing destination separately", () => {
            const messages = validate("rest-stage-access-logs", change(restStage(), { accessLogSettings: { destinationArn: undefined } }));
            assert.strictEqual(messages.length, 1);
            assert.match(messages[0], /no destination/);
        });

        it("uses configured required fields", () => {
            const config = { environment: "prod", requiredAccessLogFields: { rest: ["$context.requestId", "$context.identity.caller"] } };
            assert.match(validate("rest-stage-access-logs", restStage(), config)[0], /lacks \$context\.identity\.caller/);
        });
    });

    describe("rest-stage-execution-logging", () => {
        it("accepts ERROR logging with metrics and no data trace", () => {
            assert.deepStrictEqual(validate("rest-stage-execution-logging", methodSettings()), []);
        });

        it("reports logging OFF, metrics off and data trace in prod, each once", () => {
            const bad = change(methodSettings(), { settings: { loggingLevel: "OFF", metricsEnabled: false, dataTraceEnabled: true } });
            const messages = validate("rest-stage-execution-logging", bad);
            assert.strictEqual(messages.length, 3);
            assert.match(messages[0], /found: settings\.loggingLevel "OFF"/);
            assert.match(messages[1], /metrics are off/);
            assert.match(messages[2], /data tracing/);
        });

        it("allows data trace outside prod", () => {
            const traced = change(methodSettings(), { settings: { loggingLevel: "INFO", dataTraceEnabled: true } });
            assert.deepStrictEqual(validate("rest-stage-execution-logging", traced, { environment: "dev" }), []);
        });
    });

    describe("v2-stage-access-logs", () => {
        it("accepts a JSON format without X-Ray (v2 APIs have none)", () => {
            assert.deepStrictEqual(validate("v2-stage-access-logs", v2Stage()), []);
        });

        it("does not ask for X-Ray on v2 stages", async () => {
            const { resourcePolicy } = await import("./harness");
            assert.match(resourcePolicy("v2-stage-access-logs").description, /X-Ray tracing does not exist for HTTP and WebSocket APIs/);
        });

        it("reports a CSV format", () => {
            const [message] = validate("v2-stage-access-logs", change(v2Stage(), { accessLogSettings: { format: "$context.requestId,$context.status" } }));
            assert.match(message, /HTTP\/WebSocket API stage "ws-stage"/);
            assert.match(message, /not a JSON object/);
        });

        it("reports a stage without access logs", () => {
            assert.match(validate("v2-stage-access-logs", change(v2Stage(), { accessLogSettings: undefined }))[0], /access logging is off/);
        });
    });
});
