#!/usr/bin/env node
/**
 * `npm run preview -- [options]`: the offline `pulumi preview --policy-pack` (see engine/preview.ts).
 * Exit codes: 0 no mandatory violation, 1 mandatory violations, 2 usage or program error.
 */
import * as path from "path";
import { Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_CONCURRENCY, preview } from "./preview";
import { renderJson } from "./reports/json";
import { renderSarif } from "./reports/sarif";
import { renderText } from "./reports/text";

const PROJECT_DIR = path.resolve(__dirname, "..");
const FORMATS = ["text", "json", "sarif"] as const;
type Format = (typeof FORMATS)[number];

function collectSecret(value: string, previous: Record<string, string>): Record<string, string> {
    const separator = value.indexOf("=");
    if (separator <= 0) {
        throw new InvalidArgumentError(`"${value}" is not KEY=VALUE (e.g. observability:pagerDutyEventsUrl=https://example.invalid)`);
    }
    return { ...previous, [value.slice(0, separator)]: value.slice(separator + 1) };
}

function parseConcurrency(value: string): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 256) {
        throw new InvalidArgumentError(`"${value}" is not a whole number from 1 to 256`);
    }
    return n;
}

async function main(argv: string[]): Promise<number> {
    const program = new Command()
        .name("preview")
        .description("Offline `pulumi preview --policy-pack`: runs a Pulumi TypeScript program under mocks and checks it with a policy pack")
        .option("-s, --stack <name>", "stack whose Pulumi.<name>.yaml config is used", "dev")
        .option("-p, --program <dir>", "Pulumi program directory", PROJECT_DIR)
        .option("--policy-pack <dir>", "policy pack directory", path.join(PROJECT_DIR, "policies"))
        .option("--policy-config <file>", "policy pack config JSON (as `pulumi preview --policy-pack-config`); default <pack>/config/<stack>.json if present")
        .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("text"))
        .option("--secret <key=value>", "plaintext stand-in for an encrypted config value (repeatable)", collectSecret, {})
        .option("--concurrency <n>", "Analyze calls in flight at once", parseConcurrency, DEFAULT_CONCURRENCY)
        .exitOverride()
        .configureOutput({ writeErr: (text) => process.stderr.write(text) });
    try {
        program.parse(argv);
    } catch (err) {
        const code = (err as { exitCode?: number }).exitCode;
        return code === 0 ? 0 : 2;
    }
    const opts = program.opts<{
        stack: string;
        program: string;
        policyPack: string;
        policyConfig?: string;
        format: Format;
        secret: Record<string, string>;
        concurrency: number;
    }>();
    try {
        const result = await preview({
            programDir: opts.program,
            stack: opts.stack,
            policyPackDir: opts.policyPack,
            policyConfigFile: opts.policyConfig,
            secrets: opts.secret,
            concurrency: opts.concurrency,
            // Keep stdout for the report alone (JSON and SARIF must be one document).
            programOutput: process.stderr,
        });
        const render = { text: renderText, json: renderJson, sarif: renderSarif }[opts.format];
        process.stdout.write(render(result));
        return result.report.summary.mandatory > 0 ? 1 : 0;
    } catch (err) {
        process.stderr.write(`preview: ${err instanceof Error ? err.message : String(err)}\n`);
        return 2;
    }
}

main(process.argv).then((code) => {
    process.exitCode = code;
});
