import * as assert from "assert";
import fc from "fast-check";
import {
    incomingTraceContext,
    outgoingTraceHeaders,
    parseTraceparent,
    parseXRayHeader,
    w3cToXRayTraceId,
    xrayToW3cTraceId,
} from "../../services/reference/handlers/trace-context";

const TRACE = "1-5759e988-bd862e3fe1be46a994272793";
const LAMBDA = "Root=1-66000000-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=0123456789abcdef;Sampled=1";

describe("reference service: trace context propagation", () => {
    it("maps an X-Ray trace id to the W3C trace id and back (8 hex epoch + 24 hex unique id)", () => {
        assert.strictEqual(xrayToW3cTraceId(TRACE), "5759e988bd862e3fe1be46a994272793");
        const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
        fc.assert(fc.property(hex, (w3c) => xrayToW3cTraceId(w3cToXRayTraceId(w3c)) === w3c));
    });

    it("rejects malformed trace ids, naming the value and the expected form", () => {
        assert.throws(() => xrayToW3cTraceId("1-abc"), /trace id is "1-abc"; an X-Ray trace id 1-<8 hex>-<24 hex> is required/);
        assert.throws(() => w3cToXRayTraceId("XYZ"), /trace id is "XYZ"; a W3C trace id of 32 lower-case hex digits is required/);
    });

    it("writes X-Amzn-Trace-Id, traceparent and X-Correlation-ID naming the caller's span", () => {
        assert.deepStrictEqual(outgoingTraceHeaders(TRACE, "53995c3f42cd8ad8", true, "corr-1"), {
            "X-Amzn-Trace-Id": `Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=1`,
            traceparent: "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01",
            "X-Correlation-ID": "corr-1",
        });
        assert.strictEqual(outgoingTraceHeaders(TRACE, "53995c3f42cd8ad8", false, "c").traceparent.endsWith("-00"), true);
    });

    it("continues the incoming X-Amzn-Trace-Id first, whatever the header's case", () => {
        const context = incomingTraceContext({ "x-amzn-trace-id": `Root=${TRACE};Parent=53995c3f42cd8ad8;Sampled=0`, traceparent: "00-11111111111111111111111111111111-2222222222222222-01" }, LAMBDA);
        assert.deepStrictEqual(context, { traceId: TRACE, parentId: "53995c3f42cd8ad8", sampled: false, source: "x-amzn-trace-id" });
    });

    it("continues a W3C traceparent when it is the only trace header", () => {
        const context = incomingTraceContext({ traceparent: "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01" }, LAMBDA);
        assert.deepStrictEqual(context, { traceId: TRACE, parentId: "53995c3f42cd8ad8", sampled: true, source: "traceparent" });
    });

    it("falls back to Lambda's trace, then to a new X-Ray trace id", () => {
        assert.deepStrictEqual(incomingTraceContext({}, LAMBDA), {
            traceId: "1-66000000-aaaaaaaaaaaaaaaaaaaaaaaa",
            parentId: "0123456789abcdef",
            sampled: true,
            source: "lambda",
        });
        const fresh = incomingTraceContext(null, undefined);
        assert.strictEqual(fresh.source, "new");
        assert.match(fresh.traceId, /^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
        const epoch = parseInt(fresh.traceId.slice(2, 10), 16);
        assert.ok(Math.abs(epoch - Date.now() / 1000) < 60, "the first 8 hex digits are the epoch seconds");
    });

    it("ignores malformed or invalid headers instead of continuing them", () => {
        assert.strictEqual(parseXRayHeader("Root=garbage;Parent=1;Sampled=1"), undefined);
        assert.strictEqual(parseTraceparent("00-00000000000000000000000000000000-53995c3f42cd8ad8-01"), undefined, "all-zero trace id");
        assert.strictEqual(parseTraceparent("ff-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01"), undefined, "version ff is invalid");
        assert.strictEqual(incomingTraceContext({ traceparent: "not-a-traceparent" }, LAMBDA).source, "lambda");
    });
});
