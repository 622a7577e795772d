import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { OFFLINE_ACCOUNT_ID } from "./mock-outputs";
import type { HostRequest, HostResult, LoadedProgram } from "./program-model";

/**
 * Runs a Pulumi TypeScript program offline: reads its project file and a stack's config file
 * the way the Pulumi CLI does, then runs it under mocks in a child process (program-host.ts)
 * and returns every resource it registered.
 */

const DEFAULT_REGION = "us-east-1";

export class ProgramError extends Error {}

export interface RunProgramOptions {
    /** The program directory (the one holding Pulumi.yaml). */
    programDir: string;
    /** Stack name: reads `Pulumi.<stack>.yaml` from the program directory. */
    stack: string;
    /**
     * Plaintext stand-ins for encrypted (`secure:`) config values, keyed by fully qualified key.
     * The offline run has no access to the stack's secrets provider.
     */
    secrets?: Record<string, string>;
    /** Where the program's own console output goes (default: this process's stderr). */
    programOutput?: NodeJS.WritableStream;
}

export interface ProgramRun extends HostResult, LoadedProgram {}

interface ProjectFile {
    name: string;
    runtime: string | { name: string; options?: Record<string, unknown> };
    main?: string;
    config?: Record<string, unknown>;
}

interface StackConfig {
    config: Record<string, string>;
    secretKeys: string[];
}

function readYaml(file: string): unknown {
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        throw new ProgramError(`cannot read ${file}: ${reason}`);
    }
}

export function readProject(programDir: string): ProjectFile {
    const file = path.join(programDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        throw new ProgramError(`${programDir} is not a Pulumi program: it has no Pulumi.yaml`);
    }
    const project = readYaml(file) as ProjectFile | null;
    if (!project || typeof project.name !== "string") {
        throw new ProgramError(`${file}: "name" is required`);
    }
    const runtime = typeof project.runtime === "string" ? project.runtime : project.runtime?.name;
    if (runtime !== "nodejs") {
        throw new ProgramError(`${file}: runtime is "${String(runtime)}"; the offline preview runs nodejs (TypeScript) programs only`);
    }
    return project;
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function isSecureValue(value: unknown): value is { secure: string } {
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}

function encodeConfigValue(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Config for a stack, as the engine passes it to the program: project defaults from Pulumi.yaml
 * overlaid by Pulumi.<stack>.yaml, keys fully qualified, structured values JSON-encoded.
 */
export function readStackConfig(programDir: string, project: ProjectFile, stack: string, secrets: Record<string, string> = {}): StackConfig {
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, declared] of Object.entries(project.config ?? {})) {
        const value =
            typeof declared === "object" && declared !== null && ("default" in declared || "value" in declared)
                ? ((declared as { value?: unknown; default?: unknown }).value ?? (declared as { default?: unknown }).default)
                : declared;
        if (value !== undefined) {
            config[qualify(project.name, key)] = encodeConfigValue(value);
        }
    }
    const stackFile = path.join(programDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const available = fs
            .readdirSync(programDir)
            .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
            .filter((s): s is string => s !== undefined);
        throw new ProgramError(
            `stack "${stack}" has no config file ${stackFile}; stacks with a config file here: ${available.join(", ") || "none"}`,
        );
    }
    const stackDoc = (readYaml(stackFile) ?? {}) as { config?: Record<string, unknown> };
    const encrypted: string[] = [];
    for (const [rawKey, value] of Object.entries(stackDoc.config ?? {})) {
        const key = qualify(project.name, rawKey);
        if (isSecureValue(value)) {
            if (secrets[key] === undefined) {
                encrypted.push(key);
                continue;
            }
            config[key] = secrets[key];
            secretKeys.push(key);
            continue;
        }
        config[key] = encodeConfigValue(value);
    }
    for (const [key, value] of Object.entries(secrets)) {
        if (!secretKeys.includes(key)) {
            config[key] = value;
            secretKeys.push(key);
        }
    }
    if (encrypted.length > 0) {
        throw new ProgramError(
            `${stackFile}: ${encrypted.join(", ")} ${encrypted.length === 1 ? "is" : "are"} encrypted and the offline preview ` +
                `cannot reach the stack's secrets provider; pass a stand-in with --secret KEY=VALUE ` +
                `(e.g. --secret ${encrypted[0]}=https://example.invalid) or preview with the Pulumi CLI`,
        );
    }
    return { config, secretKeys };
}

function resolveMain(programDir: string, project: ProjectFile): string {
    if (project.main) {
        return project.main;
    }
    const packageJson = path.join(programDir, "package.json");
    if (fs.existsSync(packageJson)) {
        const main = (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { main?: string }).main;
        if (main) {
            return main;
        }
    }
    for (const candidate of ["index.ts", "index.js"]) {
        if (fs.existsSync(path.join(programDir, candidate))) {
            return candidate;
        }
    }
    throw new ProgramError(`${programDir}: no entry point (Pulumi.yaml "main", package.json "main", index.ts or index.js)`);
}

/** Reads the project file and the stack's config file as the CLI does (no program runs yet). */
export function loadProgram(programDir: string, stack: string, secrets?: Record<string, string>): LoadedProgram {
    const dir = path.resolve(programDir);
    const project = readProject(dir);
    const { config, secretKeys } = readStackConfig(dir, project, stack, secrets);
    return {
        programDir: dir,
        project: project.name,
        stack,
        main: resolveMain(dir, project),
        config,
        secretKeys,
        region: config["aws:region"] ?? process.env.AWS_REGION ?? DEFAULT_REGION,
    };
}

export function runProgram(options: RunProgramOptions): Promise<ProgramRun> {
    return runLoadedProgram(loadProgram(options.programDir, options.stack, options.secrets), options.programOutput);
}

export async function runLoadedProgram(program: LoadedProgram, programOutput: NodeJS.WritableStream = process.stderr): Promise<ProgramRun> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "offline-preview-"));
    const request: HostRequest = { ...program, accountId: OFFLINE_ACCOUNT_ID, resultFile: path.join(workDir, "result.json") };
    try {
        const { code, stderr } = await spawnHost(request, programOutput);
        if (code !== 0 || !fs.existsSync(request.resultFile)) {
            throw new ProgramError(`the program in ${program.programDir} failed for stack "${program.stack}":\n${stderr.trim()}`);
        }
        const result = JSON.parse(fs.readFileSync(request.resultFile, "utf8")) as HostResult;
        return { ...result, ...program };
    } finally {
        fs.rmSync(workDir, { recursive: true, force: true });
    }
}

function spawnHost(request: HostRequest, programOutput: NodeJS.WritableStream): Promise<{ code: number | null; stderr: string }> {
    const hostFile = path.join(__dirname, "program-host.ts");
    const tsNode = require.resolve("ts-node/register/transpile-only");
    // Like Pulumi's language host: the program's tsconfig.json if it has one, else CommonJS defaults.
    const tsConfig = path.join(request.programDir, "tsconfig.json");
    const compilerEnv: Record<string, string> = fs.existsSync(tsConfig)
        ? { TS_NODE_PROJECT: tsConfig }
        : { TS_NODE_SKIP_PROJECT: "true", TS_NODE_COMPILER_OPTIONS: JSON.stringify({ target: "ES2020", module: "commonjs", moduleResolution: "node" }) };
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ["-r", tsNode, hostFile], {
            cwd: request.programDir,
            env: { ...process.env, ...compilerEnv, OBSERVABILITY_HOST_REQUEST: JSON.stringify(request), TS_NODE_TRANSPILE_ONLY: "true" },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => programOutput.write(chunk));
        child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stderr }));
    });
}
