/**
 * Runs one Pulumi program under the Pulumi runtime's mocks and writes every resource it
 * registers to a JSON file. It runs in its own process (started by program-runner.ts) because
 * the Pulumi runtime is process-global state and because the program must use its own copy of
 * `@pulumi/pulumi`, resolved from the program's directory, exactly as the language host does.
 *
 * Input: the JSON-encoded HostRequest in the environment variable OBSERVABILITY_HOST_REQUEST.
 * Output: a HostResult written to request.resultFile. Program output (console.log) goes to this
 * process's stdout/stderr, which the runner forwards to stderr.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumiModule from "@pulumi/pulumi";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { HostRequest, HostResult, RegisteredResource } from "./program-model";
import { mockCall, mockOutputs } from "./mock-outputs";

interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getObject(): Struct | undefined;
    getDependenciesList(): string[];
    getProtect(): boolean;
    getIgnorechangesList(): string[];
    getDeletebeforereplace(): boolean;
    getAdditionalsecretoutputsList(): string[];
}

interface RegisterResourceResponse {
    getUrn(): string;
}

type MonitorCallback<T> = (err: Error | null, response?: T) => void;

interface MonitorWithRegistration {
    registerResource(req: RegisterResourceRequest, callback: MonitorCallback<RegisterResourceResponse>): Promise<void>;
}

/**
 * `@pulumi/pulumi` records `new Error().stack` on every promise it creates, for leak reports it
 * prints only under PULUMI_DEBUG_PROMISE_LEAKS; with ts-node's source-map support each of those
 * stacks is source-mapped, which is most of a large program's run time. Those bookkeeping
 * stacks are left unformatted; every other error keeps its source-mapped trace.
 */
function skipPromiseBookkeepingStacks(): void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
        return;
    }
    const format = Error.prepareStackTrace;
    const bookkeeping = `${path.sep}runtime${path.sep}debuggable.js`;
    Error.prepareStackTrace = (error, frames) => {
        if (error.message === "" && frames[0]?.getFileName()?.endsWith(bookkeeping)) {
            return "";
        }
        return format ? format(error, frames) : `${String(error)}\n${frames.map((frame) => `    at ${String(frame)}`).join("\n")}`;
    };
}

async function main(): Promise<void> {
    skipPromiseBookkeepingStacks();
    const raw = process.env.OBSERVABILITY_HOST_REQUEST;
    if (!raw) {
        throw new Error("OBSERVABILITY_HOST_REQUEST is not set: this file is started by engine/program-runner.ts");
    }
    const request = JSON.parse(raw) as HostRequest;
    process.chdir(request.programDir);

    // The engine passes config to the language host in these variables; programs (and the
    // config module of the Pulumi SDK) read them exactly as under `pulumi preview`.
    process.env.PULUMI_CONFIG = JSON.stringify(request.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(request.secretKeys);

    const resolveFromProgram = (id: string): string => {
        try {
            return require.resolve(id, { paths: [request.programDir] });
        } catch {
            throw new Error(`${id} cannot be found from ${request.programDir}: install the program's dependencies first (npm install in that directory)`);
        }
    };
    const pulumi = require(resolveFromProgram("@pulumi/pulumi")) as typeof pulumiModule;
    const settings = require(resolveFromProgram("@pulumi/pulumi/runtime/settings")) as {
        getMonitor(): unknown;
        waitForRPCs(): Promise<void>;
    };

    const resources: RegisteredResource[] = [];

    await pulumi.runtime.setMocks(
        {
            newResource: (args) => mockOutputs(args.type, args.name, args.inputs, request.region, request.accountId),
            call: (args) => mockCall(args.token, args.inputs, request.region, request.accountId),
        },
        request.project,
        request.stack,
        true,
    );

    const monitor = settings.getMonitor() as MonitorWithRegistration;
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) =>
        registerResource(req, (err, response) => {
            if (!err && response) {
                resources.push({
                    urn: response.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    parent: req.getParent() || null,
                    custom: req.getCustom(),
                    provider: req.getProvider() || null,
                    dependencies: req.getDependenciesList(),
                    // Kept as protobuf-JSON: secrets and unknowns stay marked exactly as the
                    // engine sends them to analyzers.
                    properties: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    options: {
                        protect: req.getProtect(),
                        ignoreChanges: req.getIgnorechangesList(),
                        deleteBeforeReplace: req.getDeletebeforereplace(),
                        additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                    },
                });
            }
            callback(err, response);
        });

    const mainFile = path.resolve(request.programDir, request.main);
    await pulumi.runtime.runInPulumiStack(async () => {
        const exported = require(mainFile) as Record<string, unknown> | (() => unknown);
        return typeof exported === "function" ? await exported() : exported;
    });
    await settings.waitForRPCs();

    const result: HostResult = { resources };
    fs.writeFileSync(request.resultFile, JSON.stringify(result));
}

main().catch((err: unknown) => {
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`${message}\n`);
    process.exit(1);
});
