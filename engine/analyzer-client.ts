import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import type * as grpcModule from "@grpc/grpc-js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import type { RegisteredResource } from "./program-model";

/**
 * Starts a policy pack exactly as the Pulumi engine does — `node @pulumi/pulumi/cmd/run-policy-pack
 * <engine-address> <pack-dir>` with the pack directory as working directory, reading the port
 * from the first line the pack prints — and speaks the Analyzer gRPC protocol to it.
 *
 * The protobuf and gRPC modules are loaded from the pack's own `@pulumi/pulumi`, because
 * messages and credentials must come from the same module instances as the generated client.
 */

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

export interface PolicyDiagnostic {
    policyName: string;
    description: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    /** The resource the diagnostic is about (stack policies name it; resource policies get the analyzed URN). */
    urn: string;
}

export interface Remediation {
    policyName: string;
    description: string;
    /** Why nothing was changed, when the policy declined to remediate. */
    diagnostic: string;
    properties: Record<string, unknown>;
}

export interface PolicyInfo {
    name: string;
    displayName: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface AnalyzerInfo {
    name: string;
    version: string;
    policies: PolicyInfo[];
}

/** Policy pack config as `pulumi preview --policy-pack-config` reads it, normalised per policy. */
export type PolicyPackConfig = Record<string, { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> }>;

/** In the order of the protocol's enum: ADVISORY = 0, MANDATORY = 1, DISABLED = 2, REMEDIATE = 3. */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

interface ProtocolModules {
    grpc: typeof grpcModule;
    pb: typeof analyzerPb;
    rpc: typeof analyzerGrpc;
    struct: typeof structPb;
    empty: typeof emptyPb;
}

function loadProtocol(packDir: string): ProtocolModules {
    const fromPack = (id: string): string => require.resolve(id, { paths: [packDir] });
    const analyzerGrpcPath = fromPack("@pulumi/pulumi/proto/analyzer_grpc_pb");
    const fromProto = (id: string): string => require.resolve(id, { paths: [path.dirname(analyzerGrpcPath)] });
    return {
        grpc: require(fromProto("@grpc/grpc-js")) as typeof grpcModule,
        pb: require(fromPack("@pulumi/pulumi/proto/analyzer_pb")) as typeof analyzerPb,
        rpc: require(analyzerGrpcPath) as typeof analyzerGrpc,
        struct: require(fromProto("google-protobuf/google/protobuf/struct_pb")) as typeof structPb,
        empty: require(fromProto("google-protobuf/google/protobuf/empty_pb")) as typeof emptyPb,
    };
}

function levelFromProto(level: number): EnforcementLevel {
    // Proto enum order: ADVISORY = 0, MANDATORY = 1, DISABLED = 2, REMEDIATE = 3.
    return ENFORCEMENT_LEVELS[level] ?? "advisory";
}

function levelToProto(level: EnforcementLevel): number {
    return ENFORCEMENT_LEVELS.indexOf(level);
}

class PolicyPackStartError extends Error {}

/** What the engine tells a pack about the stack it analyzes. */
export interface StackContext {
    project: string;
    stack: string;
    /** Fully qualified config keys to their (decrypted) string values, as programs receive them. */
    config: Record<string, string>;
    secretKeys: string[];
    dryRun: boolean;
}

/** The environment the Pulumi CLI gives a Node.js policy pack process (see its constructEnv). */
function packEnvironment(context: StackContext | undefined): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (!context) {
        return env;
    }
    const set = (key: string, value: string | undefined): void => {
        if (value) env[key] = value;
    };
    if (Object.keys(context.config).length > 0) {
        set("PULUMI_CONFIG", JSON.stringify(context.config));
    }
    for (const prefix of ["PULUMI_NODEJS_", "PULUMI_"]) {
        set(`${prefix}PROJECT`, context.project);
        set(`${prefix}STACK`, context.stack);
        set(`${prefix}DRY_RUN`, String(context.dryRun));
    }
    return env;
}

export class AnalyzerClient {
    private constructor(
        private readonly process: ChildProcess,
        private readonly client: analyzerGrpc.AnalyzerClient,
        private readonly protocol: ProtocolModules,
        private readonly stderr: () => string,
    ) {}

    /** Starts the pack in `packDir` (for the stack in `context`, as the engine does) and connects to it. */
    static async start(packDir: string, context?: StackContext): Promise<AnalyzerClient> {
        const dir = path.resolve(packDir);
        const protocol = loadProtocol(dir);
        const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
        // The engine address is only used for logging back to the engine; nothing listens here,
        // and the pack does not need it to serve. Like the engine: program ".", cwd the pack.
        const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", "."], {
            cwd: dir,
            env: packEnvironment(context),
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
        });
        const port = await new Promise<number>((resolve, reject) => {
            let stdout = "";
            const onData = (chunk: Buffer): void => {
                stdout += chunk.toString();
                const line = stdout.split("\n")[0];
                if (stdout.includes("\n")) {
                    child.stdout?.off("data", onData);
                    const parsed = Number(line.trim());
                    if (Number.isInteger(parsed) && parsed > 0) {
                        resolve(parsed);
                    } else {
                        reject(new PolicyPackStartError(`policy pack ${dir} printed "${line}" instead of its port\n${stderr}`));
                    }
                }
            };
            child.stdout?.on("data", onData);
            child.on("error", reject);
            child.on("exit", (code) =>
                reject(new PolicyPackStartError(`policy pack ${dir} exited with code ${String(code)} before serving:\n${stderr.trim()}`)),
            );
        });
        const client = new protocol.rpc.AnalyzerClient(`127.0.0.1:${port}`, protocol.grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        return new AnalyzerClient(child, client, protocol, () => stderr);
    }

    private call<Req, Res>(method: (req: Req, cb: (err: grpcModule.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
        return new Promise((resolve, reject) =>
            method.call(this.client, req, (err, res) => {
                if (err) {
                    const detail = this.stderr().trim();
                    reject(new Error(`${err.details || err.message}${detail ? `\n${detail}` : ""}`));
                } else {
                    resolve(res);
                }
            }),
        );
    }

    async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        const info = await this.call<emptyPb.Empty, analyzerPb.AnalyzerInfo>(this.client.getAnalyzerInfo, new this.protocol.empty.Empty());
        return {
            name: info.getName(),
            version: info.getVersion(),
            policies: info.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                return {
                    name: p.getName(),
                    displayName: p.getDisplayname(),
                    description: p.getDescription(),
                    enforcementLevel: levelFromProto(p.getEnforcementlevel()),
                    configSchema: schema
                        ? { properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>, required: schema.getRequiredList() }
                        : undefined,
                };
            }),
        };
    }

    async configure(config: PolicyPackConfig): Promise<void> {
        const req = new this.protocol.pb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [policy, settings] of Object.entries(config)) {
            const policyConfig = new this.protocol.pb.PolicyConfig();
            if (settings.enforcementLevel) {
                policyConfig.setEnforcementlevel(levelToProto(settings.enforcementLevel));
            }
            policyConfig.setProperties(this.protocol.struct.Struct.fromJavaScript(settings.properties as Record<string, structPb.JavaScriptValue>));
            map.set(policy, policyConfig);
        }
        await this.call<analyzerPb.ConfigureAnalyzerRequest, emptyPb.Empty>(this.client.configure, req);
    }

    async configureStack(context: StackContext): Promise<void> {
        const req = new this.protocol.pb.AnalyzerStackConfigureRequest();
        req.setStack(context.stack);
        req.setProject(context.project);
        req.setDryRun(context.dryRun);
        const config = req.getConfigMap();
        for (const [key, value] of Object.entries(context.config)) {
            config.set(key, value);
        }
        req.setConfigSecretKeysList(context.secretKeys);
        await this.call<analyzerPb.AnalyzerStackConfigureRequest, analyzerPb.AnalyzerStackConfigureResponse>(this.client.configureStack, req);
    }

    private options(resource: RegisteredResource): analyzerPb.AnalyzerResourceOptions {
        const options = new this.protocol.pb.AnalyzerResourceOptions();
        options.setProtect(resource.options.protect);
        options.setIgnorechangesList(resource.options.ignoreChanges);
        options.setDeletebeforereplace(resource.options.deleteBeforeReplace);
        options.setAdditionalsecretoutputsList(resource.options.additionalSecretOutputs);
        if (resource.parent) {
            options.setParent(resource.parent);
        }
        return options;
    }

    private properties(resource: RegisteredResource): structPb.Struct {
        return this.protocol.struct.Struct.fromJavaScript(resource.properties as Record<string, structPb.JavaScriptValue>);
    }

    /** The request `Analyze` and `Remediate` share; it always carries options, which the pack requires. */
    private analyzeRequest(resource: RegisteredResource): analyzerPb.AnalyzeRequest {
        const req = new this.protocol.pb.AnalyzeRequest();
        req.setType(resource.type);
        req.setName(resource.name);
        req.setUrn(resource.urn);
        req.setProperties(this.properties(resource));
        req.setOptions(this.options(resource));
        return req;
    }

    /** `Analyze`: resource policies on one resource's inputs. */
    async analyze(resource: RegisteredResource): Promise<PolicyDiagnostic[]> {
        const res = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(this.client.analyze, this.analyzeRequest(resource));
        return this.diagnostics(res, resource.urn);
    }

    /**
     * `Remediate`: the fixes of policies whose enforcement level is `remediate`, in the order
     * the pack applied them; each carries the resource's properties after that fix.
     */
    async remediate(resource: RegisteredResource): Promise<Remediation[]> {
        const res = await this.call<analyzerPb.AnalyzeRequest, analyzerPb.RemediateResponse>(this.client.remediate, this.analyzeRequest(resource));
        return res.getRemediationsList().map((r) => ({
            policyName: r.getPolicyname(),
            description: r.getDescription(),
            diagnostic: r.getDiagnostic(),
            properties: (r.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
        }));
    }

    /** `AnalyzeStack`: stack policies over every resource. */
    async analyzeStack(resources: RegisteredResource[]): Promise<PolicyDiagnostic[]> {
        const req = new this.protocol.pb.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((resource) => {
                const r = new this.protocol.pb.AnalyzerResource();
                r.setType(resource.type);
                r.setName(resource.name);
                r.setUrn(resource.urn);
                r.setProperties(this.properties(resource));
                r.setOptions(this.options(resource));
                r.setParent(resource.parent ?? "");
                r.setDependenciesList(resource.dependencies);
                return r;
            }),
        );
        const res = await this.call<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>(this.client.analyzeStack, req);
        return this.diagnostics(res, "");
    }

    private diagnostics(res: analyzerPb.AnalyzeResponse, defaultUrn: string): PolicyDiagnostic[] {
        return res.getDiagnosticsList().map((d) => ({
            policyName: d.getPolicyname(),
            description: d.getDescription(),
            message: d.getMessage(),
            enforcementLevel: levelFromProto(d.getEnforcementlevel()),
            urn: d.getUrn() || defaultUrn,
        }));
    }

    /** Stops the pack. */
    close(): void {
        this.client.close();
        this.process.removeAllListeners("exit");
        this.process.kill();
    }
}
