import * as assert from "assert";
import { LOG_FIELDS } from "../../schema/fields";
import { FAULT_INJECTION_PREFIX, ORDERS_ROUTE, PROPAGATION_HEADERS, REFERENCE_VARIABLES, STOCK_ROUTE } from "../../services/reference/contract";
import { formatProblems, validateLogLines } from "../../tools/log-lint";
import { FakeXRayDaemon, LocalFunction, TraceDocument, waitFor, waitForQuiet } from "./support/local-stack";

/**
 * Both reference handlers run in their own processes as Lambda runs them, behind local
 * stand-ins for their API Gateway routes, with the real X-Ray SDK sending segments over UDP to
 * a listener of this test. Each test sends one request to the front route and checks the trace
 * the two services recorded, the headers that crossed the boundary and every log line written.
 */

const ORDERS_SERVICE = "reference-orders";
const STOCK_SERVICE = "reference-stock";
const X_RAY_TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

interface LogLine {
    [key: string]: unknown;
    level: string;
    service: string;
    message: string;
    correlation_id: string;
    trace_id?: string;
    errors?: { type: string; message: string }[];
    http?: { status_code?: number };
}

interface Exchange {
    status: number;
    correlationHeader: string | null;
    documents: TraceDocument[];
    logs: LogLine[];
    /** Headers the stock route received from the front function. */
    stockRequestHeaders: Record<string, string>;
}

describe("reference service end to end (local Lambda hosts, real X-Ray SDK over UDP)", function () {
    let daemon: FakeXRayDaemon;
    let front: LocalFunction;
    let back: LocalFunction;

    before(async function () {
        daemon = new FakeXRayDaemon();
        const address = await daemon.start();
        back = await LocalFunction.start(
            {
                handler: "back",
                functionName: `dev-${STOCK_SERVICE}`,
                service: STOCK_SERVICE,
                routePrefix: STOCK_ROUTE.prefix,
                resource: STOCK_ROUTE.resource,
                requireSigV4: true,
                environment: {},
            },
            address,
        );
        front = await LocalFunction.start(
            {
                handler: "front",
                functionName: `dev-${ORDERS_SERVICE}`,
                service: ORDERS_SERVICE,
                routePrefix: ORDERS_ROUTE.prefix,
                resource: ORDERS_ROUTE.resource,
                requireSigV4: false,
                environment: { [REFERENCE_VARIABLES.stockUrl]: `${back.url}${STOCK_ROUTE.prefix}` },
            },
            address,
        );
    });

    after(async function () {
        await Promise.all([front?.stop(), back?.stop()]);
        await daemon?.stop();
    });

    async function exchange(orderId: string, headers: Record<string, string> = {}): Promise<Exchange> {
        const documentsBefore = daemon.documents.length;
        const frontLinesBefore = front.output.length;
        const backLinesBefore = back.output.length;
        const frontCallsBefore = front.invocations.length;
        const backCallsBefore = back.invocations.length;

        const response = await fetch(`${front.url}${ORDERS_ROUTE.prefix}/${orderId}`, { headers });
        await response.text();

        await waitFor("the front host to record its invocation", () => front.invocations.length > frontCallsBefore);
        const newDocuments = () => daemon.documents.slice(documentsBefore);
        // Stage segments are sent last by each host; both arriving means the whole trace has.
        await waitFor("both stage segments", () => newDocuments().filter((d) => d.origin === "AWS::ApiGateway::Stage").length === 2);
        const finished = (lines: string[], before: number) => lines.slice(before).some((line) => line.includes('"request '));
        await waitFor("the request log line of both services", () => finished(front.output, frontLinesBefore) && finished(back.output, backLinesBefore));
        // stdout and stderr are separate pipes: let the other one catch up before reading.
        await waitForQuiet(() => front.output.length + back.output.length);

        const rawLines = [...back.output.slice(backLinesBefore), ...front.output.slice(frontLinesBefore)];
        const problems = validateLogLines(rawLines.join("\n"));
        assert.deepStrictEqual(formatProblems(problems), [], "every log line must validate against schema/log-entry.schema.json");
        assert.strictEqual(back.invocations.length, backCallsBefore + 1, "the front function calls the stock route exactly once");

        return {
            status: response.status,
            correlationHeader: response.headers.get(PROPAGATION_HEADERS.correlationId),
            documents: newDocuments(),
            logs: rawLines.filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as LogLine),
            stockRequestHeaders: back.invocations[backCallsBefore].headers,
        };
    }

    function only(documents: TraceDocument[], description: string, test: (d: TraceDocument) => boolean): TraceDocument {
        const found = documents.filter(test);
        assert.strictEqual(found.length, 1, `expected one ${description}, found ${found.length}: ${JSON.stringify(documents.map((d) => d.name))}`);
        return found[0];
    }

    /** The documents of one request, named by role, with every parent link checked. */
    function traceOf(documents: TraceDocument[]) {
        const frontStage = only(documents, "orders stage segment", (d) => d.origin === "AWS::ApiGateway::Stage" && d.http?.request?.url?.startsWith(ORDERS_ROUTE.prefix) === true);
        const stockStage = only(documents, "stock stage segment", (d) => d.origin === "AWS::ApiGateway::Stage" && d.http?.request?.url?.startsWith(STOCK_ROUTE.prefix) === true);
        const frontFunction = only(documents, "orders function segment", (d) => d.origin === "AWS::Lambda::Function" && d.name === `dev-${ORDERS_SERVICE}`);
        const stockFunction = only(documents, "stock function segment", (d) => d.origin === "AWS::Lambda::Function" && d.name === `dev-${STOCK_SERVICE}`);
        const frontHandler = only(documents, "front handler subsegment", (d) => d.name === "## front.handler");
        const stockHandler = only(documents, "back handler subsegment", (d) => d.name === "## back.handler");
        const outgoing = only(documents, "outgoing HTTP subsegment", (d) => d.namespace === "remote");

        // What the SDK emits in Lambda: subsegments only, each naming the facade (function) segment's trace and parent.
        for (const subsegment of [frontHandler, stockHandler, outgoing]) {
            assert.strictEqual(subsegment.type, "subsegment", `${subsegment.name} is streamed as an independent subsegment`);
        }
        assert.strictEqual(frontHandler.parent_id, frontFunction.id, "front handler subsegment → front function segment");
        assert.strictEqual(frontFunction.parent_id, frontStage.id, "front function segment → orders stage segment");
        assert.strictEqual(outgoing.parent_id, frontHandler.id, "outgoing call → front handler subsegment");
        assert.strictEqual(stockStage.parent_id, outgoing.id, "stock stage segment → the caller's outgoing subsegment");
        assert.strictEqual(stockFunction.parent_id, stockStage.id, "stock function segment → stock stage segment");
        assert.strictEqual(stockHandler.parent_id, stockFunction.id, "back handler subsegment → stock function segment");
        return { frontStage, stockStage, frontFunction, stockFunction, frontHandler, stockHandler, outgoing };
    }

    function assertOneTrace(result: Exchange, traceId: string, correlationId: string): void {
        assert.match(traceId, X_RAY_TRACE_ID);
        assert.deepStrictEqual([...new Set(result.documents.map((d) => d.trace_id))], [traceId], "one trace id across both services");
        const services = new Set(result.logs.map((line) => line.service));
        assert.deepStrictEqual([...services].sort(), [ORDERS_SERVICE, STOCK_SERVICE], "both services logged the request");
        for (const line of result.logs) {
            assert.strictEqual(line[LOG_FIELDS.traceId], traceId, `trace id of ${line.service} line "${line.message}"`);
            assert.strictEqual(line[LOG_FIELDS.correlationId], correlationId, `correlation id of ${line.service} line "${line.message}"`);
            assert.ok(typeof line[LOG_FIELDS.requestId] === "string", `request id of ${line.service} line "${line.message}"`);
        }
    }

    it("continues the caller's X-Ray trace and correlation id through both services", async function () {
        const callerTrace = "1-65f1c2d3-0123456789abcdef01234567";
        const callerSpan = "53995c3f42cd8ad8";
        const result = await exchange("order-1001", {
            [PROPAGATION_HEADERS.xray]: `Root=${callerTrace};Parent=${callerSpan};Sampled=1`,
            [PROPAGATION_HEADERS.correlationId]: "checkout-7f3a",
        });

        assert.strictEqual(result.status, 200);
        assert.strictEqual(result.correlationHeader, "checkout-7f3a");
        const trace = traceOf(result.documents);
        assert.strictEqual(trace.frontStage.parent_id, callerSpan, "the orders stage continues the caller's span");
        assertOneTrace(result, callerTrace, "checkout-7f3a");

        const headers = result.stockRequestHeaders;
        assert.strictEqual(headers["x-amzn-trace-id"], `Root=${callerTrace};Parent=${trace.outgoing.id};Sampled=1`);
        assert.strictEqual(headers.traceparent, `00-65f1c2d30123456789abcdef01234567-${trace.outgoing.id}-01`);
        assert.strictEqual(headers["x-correlation-id"], "checkout-7f3a");
        assert.strictEqual(trace.stockHandler.annotations?.correlation_id, "checkout-7f3a");
        assert.strictEqual(trace.outgoing.http?.response?.status, 200);
        assert.ok(!trace.outgoing.fault && !trace.stockHandler.fault, "a successful call records no fault");
    });

    it("starts one trace and one correlation id when the caller sends neither", async function () {
        const result = await exchange("order-2002");

        assert.strictEqual(result.status, 200);
        const trace = traceOf(result.documents);
        assert.strictEqual(trace.frontStage.parent_id, undefined, "a new trace has a root segment");
        const correlationId = result.correlationHeader ?? "";
        assert.match(correlationId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "a generated correlation id is returned");
        assertOneTrace(result, trace.frontStage.trace_id, correlationId);
        assert.strictEqual(result.stockRequestHeaders["x-correlation-id"], correlationId);
    });

    it("records the callee's failure as faults on both sides and logs it with the same ids", async function () {
        const callerTrace = "1-65f1c2d3-fedcba9876543210fedcba98";
        const result = await exchange(`${FAULT_INJECTION_PREFIX}42`, {
            [PROPAGATION_HEADERS.xray]: `Root=${callerTrace};Parent=1111222233334444;Sampled=1`,
            [PROPAGATION_HEADERS.correlationId]: "incident-drill-1",
        });

        assert.strictEqual(result.status, 502);
        const trace = traceOf(result.documents);
        assertOneTrace(result, callerTrace, "incident-drill-1");

        assert.strictEqual(trace.stockHandler.fault, true, "the throwing handler's subsegment is a fault");
        assert.deepStrictEqual(
            trace.stockHandler.cause?.exceptions?.map((e) => e.type),
            ["InjectedFault"],
            "the exception is recorded on the subsegment",
        );
        assert.strictEqual(trace.stockFunction.fault, true);
        assert.strictEqual(trace.stockStage.fault, true);
        assert.strictEqual(trace.outgoing.fault, true, "the caller's outgoing subsegment records the remote fault");
        assert.strictEqual(trace.outgoing.http?.response?.status, 502);
        assert.strictEqual(trace.frontStage.fault, true);

        const stockError = result.logs.find((line) => line.service === STOCK_SERVICE && line.level === "ERROR");
        assert.ok(stockError, "the stock service logs the failure at ERROR");
        assert.strictEqual(stockError.errors?.[0]?.type, "InjectedFault");
        const frontError = result.logs.find((line) => line.service === ORDERS_SERVICE && line.level === "ERROR");
        assert.ok(frontError, "the orders service logs the failed downstream call at ERROR");
        assert.strictEqual(frontError.http?.status_code, 502);
    });
});
