import { spawn } from "child_process";
import * as path from "path";

export const PROJECT_DIR = path.resolve(__dirname, "../..");
export const NONCOMPLIANT_PROGRAM = path.join(PROJECT_DIR, "test/fixtures/noncompliant-program");
export const MINIMAL_PACK = path.join(PROJECT_DIR, "test/fixtures/minimal-pack");
export const PROJECT_PACK = path.join(PROJECT_DIR, "policies");

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs the preview command as a user would (`npm run preview -- …`), without npm's banner. */
export function runPreviewCli(args: string[]): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", path.join(PROJECT_DIR, "engine/cli.ts"), ...args], {
            cwd: PROJECT_DIR,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
}
