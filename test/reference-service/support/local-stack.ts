import { ChildProcess, fork } from "child_process";
import * as dgram from "dgram";
import * as path from "path";
import type { HostConfig, HostMessage } from "./lambda-host";

/** One X-Ray segment or subsegment document as the daemon receives it. */
export interface TraceDocument {
    id: string;
    name: string;
    trace_id: string;
    parent_id?: string;
    type?: string;
    origin?: string;
    namespace?: string;
    fault?: boolean;
    error?: boolean;
    throttle?: boolean;
    http?: { request?: { method?: string; url?: string }; response?: { status?: number } };
    annotations?: Record<string, string | number | boolean>;
    cause?: { exceptions?: { type?: string; message?: string; remote?: boolean }[] };
    subsegments?: TraceDocument[];
}

/** A UDP listener standing in for the X-Ray daemon: keeps every document the SDK sends. */
export class FakeXRayDaemon {
    readonly documents: TraceDocument[] = [];
    private readonly socket = dgram.createSocket("udp4");

    async start(): Promise<string> {
        this.socket.on("message", (message) => {
            const text = message.toString("utf8");
            const newline = text.indexOf("\n");
            const header = JSON.parse(text.slice(0, newline)) as { format?: string; version?: number };
            if (header.format !== "json" || header.version !== 1) {
                throw new Error(`daemon header is ${text.slice(0, newline)}; {"format":"json","version":1} is what the protocol requires`);
            }
            this.documents.push(JSON.parse(text.slice(newline + 1)) as TraceDocument);
        });
        await new Promise<void>((done) => this.socket.bind(0, "127.0.0.1", () => done()));
        return `127.0.0.1:${this.socket.address().port}`;
    }

    stop(): Promise<void> {
        return new Promise((done) => this.socket.close(() => done()));
    }
}

const HOST_ENTRY = path.join(__dirname, "lambda-host.ts");
const HANDLERS = path.resolve(__dirname, "../../../services/reference/handlers");

export interface FunctionSpec {
    /** `front` or `back`: the handler file. */
    handler: "front" | "back";
    functionName: string;
    service: string;
    routePrefix: string;
    resource: string;
    requireSigV4: boolean;
    environment: Record<string, string>;
}

export interface InvocationRecord {
    headers: Record<string, string>;
    lambdaTraceHeader: string;
    status: number;
}

/** A handler running in its own process behind a local stand-in for its API Gateway route. */
export class LocalFunction {
    /** Lines the function wrote to stdout and stderr: Lambda sends both to its log group. */
    readonly output: string[] = [];
    readonly invocations: InvocationRecord[] = [];

    private constructor(
        private readonly child: ChildProcess,
        readonly url: string,
    ) {
        for (const stream of [child.stdout, child.stderr]) {
            let partial = "";
            stream?.on("data", (chunk: Buffer) => {
                const lines = (partial + chunk.toString("utf8")).split("\n");
                partial = lines.pop() ?? "";
                this.output.push(...lines);
            });
        }
        child.on("message", (message: HostMessage) => {
            if (message.kind === "invocation") {
                this.invocations.push(message);
            }
        });
    }

    static async start(spec: FunctionSpec, daemonAddress: string): Promise<LocalFunction> {
        const hostConfig: HostConfig = {
            HOST_HANDLER_MODULE: path.join(HANDLERS, `${spec.handler}.ts`),
            HOST_ROUTE_PREFIX: spec.routePrefix,
            HOST_RESOURCE: spec.resource,
            HOST_REQUIRE_SIGV4: String(spec.requireSigV4),
            HOST_API_NAME: "dev-reference",
            HOST_STAGE: "dev",
        };
        const child = fork(HOST_ENTRY, [], {
            execArgv: ["-r", "ts-node/register/transpile-only"],
            stdio: ["ignore", "pipe", "pipe", "ipc"],
            env: {
                PATH: process.env.PATH,
                // What the Lambda runtime sets: X-Ray SDK Lambda mode and Powertools tracing on.
                LAMBDA_TASK_ROOT: HANDLERS,
                AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x",
                AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
                AWS_LAMBDA_FUNCTION_NAME: spec.functionName,
                AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
                AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "256",
                AWS_REGION: "eu-west-1",
                AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
                AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                AWS_SESSION_TOKEN: "local-session-token",
                AWS_XRAY_DAEMON_ADDRESS: daemonAddress,
                AWS_LAMBDA_LOG_LEVEL: "DEBUG",
                POWERTOOLS_SERVICE_NAME: spec.service,
                OBSERVABILITY_ENVIRONMENT: "dev",
                SERVICE_VERSION: "1.0.0-test",
                ...hostConfig,
                ...spec.environment,
            },
        });
        const stderr: string[] = [];
        child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
        const port = await new Promise<number>((done, fail) => {
            child.on("message", (message: HostMessage) => {
                if (message.kind === "listening") {
                    done(message.port);
                }
            });
            child.on("exit", (code) => fail(new Error(`${spec.handler} host exited with ${code} before listening:\n${stderr.join("")}`)));
        });
        return new LocalFunction(child, `http://127.0.0.1:${port}`);
    }

    stop(): Promise<void> {
        return new Promise((done) => {
            if (this.child.exitCode !== null) {
                done();
                return;
            }
            this.child.once("exit", () => done());
            this.child.kill();
        });
    }
}

/** Waits until `ready()` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, ready: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!ready()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        }
        await new Promise((done) => setTimeout(done, 25));
    }
}

/** Waits until `count()` has not changed for `quietMs`. */
export async function waitForQuiet(count: () => number, quietMs = 150): Promise<void> {
    let last = count();
    let stableSince = Date.now();
    while (Date.now() - stableSince < quietMs) {
        await new Promise((done) => setTimeout(done, 25));
        if (count() !== last) {
            last = count();
            stableSince = Date.now();
        }
    }
}
