import * as fs from "fs";
import * as path from "path";
import { AnalyzerClient, AnalyzerInfo, EnforcementLevel, PolicyDiagnostic, StackContext } from "./analyzer-client";
import { mapWithConcurrency } from "./concurrency";
import { readPolicyConfigFile, resolvePolicyConfig } from "./policy-config";
import { ProgramRun, loadProgram, runLoadedProgram } from "./program-runner";
import { SPECIAL_SIG_KEY, type RegisteredResource } from "./program-model";

/**
 * The offline equivalent of `pulumi preview --policy-pack <dir>`: run the program under mocks,
 * then hand every resource to the policy pack through the Analyzer protocol, as the engine does
 * (GetAnalyzerInfo, Configure, ConfigureStack, Analyze per resource, AnalyzeStack once).
 */

/** Analyze calls in flight; the pack serves them on one thread, so more only hides latency. */
export const DEFAULT_CONCURRENCY = 32;

export interface PreviewOptions {
    programDir: string;
    stack: string;
    policyPackDir: string;
    /** Pack config file (the `--policy-pack-config` format). Default: `<pack>/config/<stack>.json` when it exists. */
    policyConfigFile?: string;
    secrets?: Record<string, string>;
    /** How many Analyze calls may be in flight at once. */
    concurrency?: number;
    programOutput?: NodeJS.WritableStream;
}

export interface PreviewResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
}

export interface PreviewViolation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    type: string;
    name: string;
    message: string;
}

export interface PreviewReport {
    stack: string;
    program: string;
    resources: PreviewResource[];
    violations: PreviewViolation[];
    summary: { resources: number; mandatory: number; advisory: number };
}

/** Everything the report writers need beyond the JSON contract. */
export interface PreviewResult {
    report: PreviewReport;
    pack: AnalyzerInfo;
    policyConfigFile: string | null;
    run: ProgramRun;
    timings: { programMs: number; policiesMs: number };
}

function defaultPolicyConfigFile(policyPackDir: string, stack: string): string | null {
    const candidate = path.join(policyPackDir, "config", `${stack}.json`);
    return fs.existsSync(candidate) ? candidate : null;
}

function hasSpecialValue(value: unknown): boolean {
    if (Array.isArray(value)) return value.some(hasSpecialValue);
    if (value === null || typeof value !== "object") return false;
    return SPECIAL_SIG_KEY in value || Object.values(value).some(hasSpecialValue);
}

/**
 * The properties after a remediation. `@pulumi/policy` serializes remediated properties without
 * the signatures of assets nested in archives (a Lambda's `code`), so those properties keep the
 * wire form they were sent in; remediations change settings, never code.
 */
function remediatedProperties(original: Record<string, unknown>, remediated: Record<string, unknown>): Record<string, unknown> {
    const merged = { ...remediated };
    for (const [key, value] of Object.entries(original)) {
        if (hasSpecialValue(value)) {
            merged[key] = value;
        }
    }
    return merged;
}

/** What a remediation changed, e.g. `tracingConfig {"mode":"Active"} (was not set)`. */
function describeChanges(before: Record<string, unknown>, after: Record<string, unknown>): string {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    const changes = keys
        .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
        .map((key) => `${key} ${after[key] === undefined ? "removed" : JSON.stringify(after[key])} (was ${before[key] === undefined ? "not set" : JSON.stringify(before[key])})`);
    return changes.length > 0 ? `set ${changes.join("; ")}` : "nothing changed";
}

/**
 * As the engine does for each resource: apply the remediations of `remediate`-level policies,
 * then run the resource policies on the remediated inputs; finally the stack policies over all
 * (remediated) resources. Remediations are reported as diagnostics at level `remediate`.
 */
export async function analyzeResources(
    client: AnalyzerClient,
    resources: RegisteredResource[],
    concurrency: number,
    remediating: boolean,
): Promise<PolicyDiagnostic[]> {
    const perResource = await mapWithConcurrency(resources, concurrency, async (resource) => {
        // With no policy at level `remediate`, the pack's answer to Remediate is always empty.
        const remediations = remediating ? await client.remediate(resource) : [];
        // Each remediation carries the properties after it; together they describe each step.
        let properties = resource.properties;
        const fixes: PolicyDiagnostic[] = remediations.map((r) => {
            let message: string;
            if (r.diagnostic) {
                message = `not remediated: ${r.diagnostic}`;
            } else {
                const next = remediatedProperties(resource.properties, r.properties);
                message = `remediated: ${describeChanges(properties, next)}`;
                properties = next;
            }
            return { policyName: r.policyName, description: r.description, message, enforcementLevel: "remediate", urn: resource.urn };
        });
        const remediated = properties === resource.properties ? resource : { ...resource, properties };
        const diagnostics = await client.analyze(remediated);
        return { resource: remediated, diagnostics: [...fixes, ...diagnostics] };
    });
    const stack = await client.analyzeStack(perResource.map((r) => r.resource));
    return [...perResource.flatMap((r) => r.diagnostics), ...stack];
}

/**
 * `@pulumi/policy` prefixes every violation message with the policy's description; the report
 * names the policy already, so the message keeps only what was found and how to fix it.
 */
function findingText(d: PolicyDiagnostic): string {
    const prefix = `${d.description}\n`;
    return d.description && d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
}

function toViolations(diagnostics: PolicyDiagnostic[], resources: RegisteredResource[]): PreviewViolation[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const root = resources.find((r) => r.parent === null);
    return diagnostics.map((d) => {
        const resource = byUrn.get(d.urn) ?? root;
        return {
            policy: d.policyName,
            enforcementLevel: d.enforcementLevel,
            urn: resource?.urn ?? d.urn,
            type: resource?.type ?? "pulumi:pulumi:Stack",
            name: resource?.name ?? "",
            message: findingText(d),
        };
    });
}

export async function preview(options: PreviewOptions): Promise<PreviewResult> {
    const policyPackDir = path.resolve(options.policyPackDir);
    const policyConfigFile = options.policyConfigFile ? path.resolve(options.policyConfigFile) : defaultPolicyConfigFile(policyPackDir, options.stack);
    const rawConfig = policyConfigFile ? readPolicyConfigFile(policyConfigFile) : undefined;

    const program = loadProgram(options.programDir, options.stack, options.secrets);
    const stackContext: StackContext = { project: program.project, stack: program.stack, config: program.config, secretKeys: program.secretKeys, dryRun: true };

    const programStart = Date.now();
    // The pack starts (and type-checks itself) while the program runs.
    const clientPromise = AnalyzerClient.start(policyPackDir, stackContext);
    clientPromise.catch(() => undefined);
    let run: ProgramRun;
    try {
        run = await runLoadedProgram(program, options.programOutput);
    } catch (err) {
        await clientPromise.then((c) => c.close(), () => undefined);
        throw err;
    }
    const programMs = Date.now() - programStart;

    const client = await clientPromise;
    try {
        const policiesStart = Date.now();
        const pack = await client.getAnalyzerInfo();
        const policyConfig = resolvePolicyConfig(rawConfig ?? {}, pack, policyConfigFile ?? "policy config");
        await client.configure(policyConfig);
        await client.configureStack(stackContext);
        const remediating = Object.values(policyConfig).some((settings) => settings.enforcementLevel === "remediate");
        const diagnostics = await analyzeResources(client, run.resources, options.concurrency ?? DEFAULT_CONCURRENCY, remediating);
        const violations = toViolations(diagnostics, run.resources);
        const report: PreviewReport = {
            stack: options.stack,
            program: run.programDir,
            resources: run.resources.map(({ urn, type, name, parent }) => ({ urn, type, name, parent })),
            violations,
            summary: {
                resources: run.resources.length,
                mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
                advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
            },
        };
        return { report, pack, policyConfigFile, run, timings: { programMs, policiesMs: Date.now() - policiesStart } };
    } finally {
        client.close();
    }
}
