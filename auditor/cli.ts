import * as fs from "fs";
import * as readline from "readline";
import { SingleBar, Presets } from "cli-progress";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { runAudit, type AuditOptions } from "./audit";
import type { CallListener } from "./aws/calls";
import { applyFixes, planFixes } from "./fix";
import { EXIT_CODES, exitCodeFor } from "./model";
import { configuredPolicies, type ConfiguredPolicy } from "./policy-setup";
import { REPORT_FORMATS, renderReport, type ReportFormat } from "./reports";

/**
 * `npm run audit -- [options]`: audits live AWS accounts with the policy pack's own rules.
 * Exit codes: 0 clean, 1 mandatory findings, 2 audit incomplete or usage error.
 */

export interface CliIo {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    /** Whether to show a progress bar (a terminal on stderr). */
    progress: boolean;
    /** Asks a yes/no question; undefined when nobody can answer (not a terminal). */
    confirm?: (question: string) => Promise<boolean>;
    /** Observes every AWS call (tests, benchmark). */
    onCall?: CallListener;
}

export class UsageError extends Error {}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function list(name: string, pattern: RegExp, example: string) {
    return (value: string): string[] => {
        const items = value.split(",").map((item) => item.trim()).filter((item) => item !== "");
        const bad = items.filter((item) => !pattern.test(item));
        if (items.length === 0 || bad.length > 0) {
            throw new InvalidArgumentError(`${name} ${JSON.stringify(bad.length ? bad.join(",") : value)} is not a comma-separated list of ${example}`);
        }
        return [...new Set(items)];
    };
}

function positiveInteger(name: string, max: number) {
    return (value: string): number => {
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) {
            throw new InvalidArgumentError(`${name} ${JSON.stringify(value)} must be a whole number from 1 to ${max}`);
        }
        return parsed;
    };
}

interface CliOptions {
    profile?: string;
    regions?: string[];
    org?: boolean;
    roleName?: string;
    accounts?: string[];
    policyConfig?: string;
    format: ReportFormat;
    output?: string;
    concurrency: number;
    maxAttempts: number;
    fix?: boolean;
    yes?: boolean;
}

function program(io: CliIo): Command {
    return new Command("observability-audit")
        .description("Audit live AWS accounts for missing tracing, structured logging and log retention, with the policy pack's own rules.")
        .option("--profile <name>", "AWS profile (default: the standard credential chain)")
        .option("--regions <r1,r2>", "regions to audit (default: every enabled region)", list("--regions", REGION, "regions such as us-east-1"))
        .option("--org", "audit every account of the AWS Organization (needs --role-name)")
        .option("--role-name <name>", "read-only role to assume in each audited account")
        .option("--accounts <id,...>", "accounts to audit (with --org: only these members)", list("--accounts", ACCOUNT_ID, "12-digit account ids"))
        .option("--policy-config <file>", "policy pack config, as `pulumi preview --policy-pack-config` takes it")
        .addOption(new Option("--format <format>", "report format").choices([...REPORT_FORMATS]).default("table"))
        .option("--output <file>", "write the report to a file instead of stdout")
        .option("--concurrency <n>", "account-regions audited at once (and GetStages calls per region)", positiveInteger("--concurrency", 64), 4)
        .option("--max-attempts <n>", "attempts per AWS call before throttling or errors give up", positiveInteger("--max-attempts", 20), 3)
        .option("--fix", "apply the policies' remediations through the AWS APIs, then audit again")
        .option("--yes", "with --fix: do not ask for confirmation")
        .exitOverride()
        .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

function validate(options: CliOptions): void {
    if (options.org && !options.roleName) {
        throw new UsageError("--org needs --role-name <name>: the read-only role the auditor assumes in each member account");
    }
    if (options.roleName && !options.org && !options.accounts) {
        throw new UsageError("--role-name is used with --org or --accounts; without them the auditor uses your own credentials");
    }
    if (options.yes && !options.fix) {
        throw new UsageError("--yes only confirms --fix; add --fix or drop --yes");
    }
}

function progressReporter(io: CliIo): Pick<AuditOptions, "onProgress"> & { stop(): void } {
    if (!io.progress) {
        return { onProgress: undefined, stop: () => undefined };
    }
    const bar = new SingleBar({ format: "auditing {bar} {value}/{total} account-regions", stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
    let started = false;
    return {
        onProgress: (done, total) => {
            if (!started) {
                bar.start(total, done);
                started = true;
            } else {
                bar.update(done);
            }
        },
        stop: () => started && bar.stop(),
    };
}

async function audit(options: CliOptions, policies: readonly ConfiguredPolicy[], io: CliIo) {
    const progress = progressReporter(io);
    try {
        return await runAudit({
            credentials: fromNodeProviderChain(options.profile ? { profile: options.profile } : {}),
            homeRegion: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
            regions: options.regions,
            org: Boolean(options.org),
            roleName: options.roleName,
            accounts: options.accounts,
            maxAttempts: options.maxAttempts,
            onCall: io.onCall,
            policies,
            concurrency: options.concurrency,
            onProgress: progress.onProgress,
        });
    } finally {
        progress.stop();
    }
}

async function fix(options: CliOptions, policies: readonly ConfiguredPolicy[], io: CliIo, run: Awaited<ReturnType<typeof audit>>): Promise<boolean> {
    const plans = planFixes(run.regions, policies);
    if (plans.length === 0) {
        io.stderr("--fix: nothing to change; no finding has an automatic remediation.\n");
        return false;
    }
    io.stderr(`--fix: ${plans.length} change(s):\n${plans.map((plan) => `  ${plan.resource.arn}: ${plan.change} (${plan.policies.join(", ")})\n`).join("")}`);
    if (!options.yes) {
        if (!io.confirm) {
            throw new UsageError("--fix needs --yes when there is no terminal to confirm on");
        }
        if (!(await io.confirm(`Apply these ${plans.length} change(s)? [y/N] `))) {
            io.stderr("--fix: nothing changed.\n");
            return false;
        }
    }
    const results = await applyFixes(plans, run.credentials, { maxAttempts: options.maxAttempts, onCall: io.onCall }, options.concurrency);
    for (const result of results) {
        io.stderr(
            result.ok
                ? `fixed ${result.account} ${result.region} ${result.arn}: ${result.policy}: ${result.change}\n`
                : `FAILED ${result.account} ${result.region} ${result.arn}: ${result.policy}: ${result.change}: ${result.error}\n`,
        );
    }
    return true;
}

/** Runs the command; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
    const command = program(io);
    let options: CliOptions;
    try {
        command.parse([...argv], { from: "user" });
        options = command.opts<CliOptions>();
        validate(options);
    } catch (error) {
        if (error instanceof CommanderError) {
            return error.exitCode === 0 ? EXIT_CODES.clean : EXIT_CODES.incompleteOrUsage;
        }
        io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_CODES.incompleteOrUsage;
    }
    try {
        const policies = configuredPolicies(options.policyConfig);
        let run = await audit(options, policies, io);
        if (options.fix && (await fix(options, policies, io, run))) {
            io.stderr("--fix: auditing again to report the state after the changes.\n");
            run = await audit(options, policies, io);
        }
        const text = renderReport(run.report, options.format);
        if (options.output) {
            fs.writeFileSync(options.output, text);
        } else {
            io.stdout(text);
        }
        return exitCodeFor(run.report);
    } catch (error) {
        io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        return EXIT_CODES.incompleteOrUsage;
    }
}

function terminalConfirm(question: string): Promise<boolean> {
    const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
    return new Promise((resolve) =>
        prompt.question(question, (answer) => {
            prompt.close();
            resolve(/^y(es)?$/i.test(answer.trim()));
        }),
    );
}

/** Runs the command on this process's arguments, streams and terminal. */
export function main(): void {
    runCli(process.argv.slice(2), {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
        progress: Boolean(process.stderr.isTTY),
        confirm: process.stdin.isTTY ? terminalConfirm : undefined,
    }).then((code) => {
        process.exitCode = code;
    });
}

if (require.main === module) {
    main();
}
