/**
 * Child-process entry that stands in for one API Gateway route and the Lambda service behind
 * it, so that a handler runs as it does in AWS: in its own process, with `LAMBDA_TASK_ROOT` set
 * (the X-Ray SDK's Lambda mode: a facade segment, subsegments streamed one by one over UDP) and
 * `_X_AMZN_TRACE_ID` set per invocation. Like API Gateway with tracing on, it continues the
 * caller's `X-Amzn-Trace-Id` (or starts a trace), records a stage segment and a function segment
 * to the daemon address, and answers 502 when the function throws. X-Ray's separate
 * `AWS::Lambda` service segment is folded into the function segment.
 *
 * Configured by HOST_* variables (see `HostConfig`); reports its port and every invocation's
 * received headers to the parent over IPC.
 */
import { randomBytes, randomUUID } from "crypto";
import * as dgram from "dgram";
import * as http from "http";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from "aws-lambda";

export interface HostConfig {
    /** Absolute path of the handler module. */
    HOST_HANDLER_MODULE: string;
    /** Route prefix before the `{id}` path parameter, e.g. `/orders`. */
    HOST_ROUTE_PREFIX: string;
    /** API Gateway resource path, e.g. `/orders/{id}`. */
    HOST_RESOURCE: string;
    /** "true" when the route uses AWS_IAM authorization (SigV4). */
    HOST_REQUIRE_SIGV4: string;
    HOST_API_NAME: string;
    HOST_STAGE: string;
}

export type HostMessage =
    | { kind: "listening"; port: number }
    | { kind: "invocation"; headers: Record<string, string>; lambdaTraceHeader: string; status: number };

const config = process.env as unknown as HostConfig & Record<string, string | undefined>;
const [daemonHost, daemonPort] = (config.AWS_XRAY_DAEMON_ADDRESS ?? "127.0.0.1:2000").split(":");
const daemon = dgram.createSocket("udp4");
const SIGV4 = /^AWS4-HMAC-SHA256 Credential=[A-Z0-9]+\/\d{8}\/[a-z0-9-]+\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

const id16 = (): string => randomBytes(8).toString("hex");
const newRoot = (): string => `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;

function sendSegment(document: Record<string, unknown>): Promise<void> {
    const payload = `${JSON.stringify({ format: "json", version: 1 })}\n${JSON.stringify(document)}`;
    return new Promise((done) => daemon.send(payload, Number(daemonPort), daemonHost, () => done()));
}

function incomingTrace(header: string | undefined): { root: string; parent?: string } {
    const root = /Root=(1-[0-9a-f]{8}-[0-9a-f]{24})/.exec(header ?? "")?.[1];
    const parent = /Parent=([0-9a-f]{16})/.exec(header ?? "")?.[1];
    return root === undefined ? { root: newRoot() } : { root, parent };
}

function lambdaContext(functionName: string): Context {
    return {
        callbackWaitsForEmptyEventLoop: true,
        functionName,
        functionVersion: "$LATEST",
        invokedFunctionArn: `arn:aws:lambda:${config.AWS_REGION}:123456789012:function:${functionName}`,
        memoryLimitInMB: "256",
        awsRequestId: randomUUID(),
        logGroupName: `/aws/lambda/${functionName}`,
        logStreamName: "local",
        getRemainingTimeInMillis: () => 10_000,
        done: () => undefined,
        fail: () => undefined,
        succeed: () => undefined,
    };
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;
// Loaded after the environment is final, as the Lambda runtime does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = (require(config.HOST_HANDLER_MODULE) as { handler: Handler }).handler;

function reply(res: http.ServerResponse, status: number, body: string, headers: Record<string, string | number | boolean> = {}): number {
    res.writeHead(status, { "content-type": "application/json", ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])) });
    res.end(body);
    return status;
}

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]));
    const match = new RegExp(`^${config.HOST_ROUTE_PREFIX}/([^/]+)$`).exec(url.pathname);
    if (req.method !== "GET" || match === null) {
        reply(res, 404, JSON.stringify({ message: "Missing Authentication Token" }));
        return;
    }
    if (config.HOST_REQUIRE_SIGV4 === "true" && (!SIGV4.test(headers.authorization ?? "") || headers["x-amz-date"] === undefined)) {
        reply(res, 403, JSON.stringify({ message: "Missing Authentication Token" }));
        return;
    }

    const trace = incomingTrace(headers["x-amzn-trace-id"]);
    const stageSegmentId = id16();
    const functionSegmentId = id16();
    const started = Date.now() / 1000;
    const functionName = config.AWS_LAMBDA_FUNCTION_NAME ?? "function";
    const lambdaTraceHeader = `Root=${trace.root};Parent=${functionSegmentId};Sampled=1`;
    process.env._X_AMZN_TRACE_ID = lambdaTraceHeader;
    const forwarded = { ...headers, "x-amzn-trace-id": `Root=${trace.root};Parent=${stageSegmentId};Sampled=1` };
    const event = {
        resource: config.HOST_RESOURCE,
        path: url.pathname,
        httpMethod: "GET",
        headers: forwarded,
        multiValueHeaders: Object.fromEntries(Object.entries(forwarded).map(([k, v]) => [k, [v]])),
        queryStringParameters: null,
        multiValueQueryStringParameters: null,
        pathParameters: { id: decodeURIComponent(match[1]) },
        stageVariables: null,
        body: null,
        isBase64Encoded: false,
        requestContext: {
            requestId: randomUUID(),
            stage: config.HOST_STAGE,
            resourcePath: config.HOST_RESOURCE,
            httpMethod: "GET",
            path: `/${config.HOST_STAGE}${url.pathname}`,
            domainName: headers.host,
            identity: { sourceIp: req.socket.remoteAddress ?? "" },
        },
    } as unknown as APIGatewayProxyEvent;

    let status: number;
    let functionFailed = false;
    try {
        const result = await handler(event, lambdaContext(functionName));
        status = reply(res, result.statusCode, result.body, result.headers ?? {});
    } catch {
        functionFailed = true;
        status = reply(res, 502, JSON.stringify({ message: "Internal server error" }));
    }
    const ended = Date.now() / 1000;
    await sendSegment({
        name: functionName,
        id: functionSegmentId,
        trace_id: trace.root,
        parent_id: stageSegmentId,
        origin: "AWS::Lambda::Function",
        start_time: started,
        end_time: ended,
        ...(functionFailed ? { fault: true } : {}),
    });
    await sendSegment({
        name: `${config.HOST_API_NAME}/${config.HOST_STAGE}`,
        id: stageSegmentId,
        trace_id: trace.root,
        ...(trace.parent === undefined ? {} : { parent_id: trace.parent }),
        origin: "AWS::ApiGateway::Stage",
        start_time: started,
        end_time: ended,
        http: { request: { method: "GET", url: url.pathname }, response: { status } },
        ...(status >= 500 ? { fault: true } : status >= 400 ? { error: true } : {}),
    });
    process.send?.({ kind: "invocation", headers, lambdaTraceHeader, status } satisfies HostMessage);
}

// Lambda runs one invocation at a time per execution environment.
let queue: Promise<void> = Promise.resolve();
const server = http.createServer((req, res) => {
    queue = queue.then(() => serve(req, res)).catch((error: unknown) => {
        process.stderr.write(`lambda-host: ${String(error)}\n`);
        if (!res.headersSent) {
            reply(res, 500, JSON.stringify({ message: "host failure" }));
        }
    });
});
server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    if (address !== null && typeof address === "object") {
        process.send?.({ kind: "listening", port: address.port } satisfies HostMessage);
    }
});
process.on("disconnect", () => {
    server.close();
    daemon.close();
});
