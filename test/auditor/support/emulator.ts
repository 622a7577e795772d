import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as path from "path";
import * as readline from "readline";

/**
 * The AWS emulator for the auditor's tests: moto's server, run in-process by
 * test/auditor/emulator/moto_launcher.py (which fills moto's Lambda `LoggingConfig` gap; see
 * there), on a free port, stopped with the test process (the launcher exits when its stdin closes).
 */

export const ACCOUNT = "123456789012";
export const LAMBDA_ROLE = "auditor-test-lambda";
export const LAMBDA_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${LAMBDA_ROLE}`;

const LAUNCHER = path.join(__dirname, "..", "emulator", "moto_launcher.py");

export interface Emulator {
    endpoint: string;
    port: number;
    stop(): Promise<void>;
}

export function motoAvailable(): string | undefined {
    const check = spawnSync("python3", ["-c", "import moto, werkzeug; print(moto.__version__)"], { encoding: "utf8" });
    if (check.error || check.status !== 0) {
        return `moto is not installed for python3 (needed to emulate AWS): ${check.error?.message ?? check.stderr.trim()}. Install it with: pip install "moto[server]==5.2.1"`;
    }
    return undefined;
}

export async function startEmulator(): Promise<Emulator> {
    const problem = motoAvailable();
    if (problem) {
        throw new Error(problem);
    }
    const child: ChildProcess = spawn("python3", [LAUNCHER], { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const port = await new Promise<number>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout! });
        const timer = setTimeout(() => reject(new Error(`moto launcher did not start within 60 s; stderr:\n${stderr}`)), 60_000);
        lines.once("line", (line) => {
            clearTimeout(timer);
            try {
                resolve((JSON.parse(line) as { port: number }).port);
            } catch {
                reject(new Error(`moto launcher printed ${JSON.stringify(line)} instead of {"port": N}; stderr:\n${stderr}`));
            }
        });
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`moto launcher exited with ${code}; stderr:\n${stderr}`));
        });
    });
    const endpoint = `http://127.0.0.1:${port}`;
    return {
        endpoint,
        port,
        stop: () =>
            new Promise<void>((resolve) => {
                if (child.exitCode !== null) return resolve();
                child.once("exit", () => resolve());
                child.stdin!.end();
                setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
            }),
    };
}

export interface SeedRequest {
    account?: string;
    region: string;
    roles?: string[];
    functions?: Array<Record<string, unknown>>;
    logGroups?: Array<{ name: string; retentionInDays?: number; kmsKeyId?: string; tags?: Record<string, string> }>;
}

/** Creates resources directly in moto's backends (the launcher's fast path). */
export async function seedDirect(endpoint: string, request: SeedRequest): Promise<void> {
    const response = await fetch(`${endpoint}/_emulator/seed`, { method: "POST", body: JSON.stringify({ account: ACCOUNT, ...request }) });
    if (!response.ok) {
        throw new Error(`seeding the emulator failed: ${await response.text()}`);
    }
}

/** Points the SDK (in this process and in child processes) at `endpoint` with dummy credentials. */
export function emulatorEnv(endpoint: string): Record<string, string> {
    return {
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: "testing",
        AWS_SECRET_ACCESS_KEY: "testing",
        AWS_SESSION_TOKEN: "testing",
        AWS_REGION: "us-east-1",
        AWS_EC2_METADATA_DISABLED: "true",
    };
}

/** Sets `vars` in process.env; returns a function that restores the previous values. */
export function withEnv(vars: Record<string, string>): () => void {
    const previous = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
    Object.assign(process.env, vars);
    return () => {
        for (const [key, value] of Object.entries(previous)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    };
}
