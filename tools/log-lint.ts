#!/usr/bin/env node
/**
 * `npm run log-lint -- FILE|-`: checks JSON log lines (one per line) against the project's log
 * schema (schema/log-entry.schema.json) and reports every bad line with its number and field.
 * Exit codes: 0 every line valid, 1 at least one bad line, 2 usage error (e.g. file not found).
 */
import { readFileSync } from "fs";
import Ajv2020, { ErrorObject, ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { Command } from "commander";
import logEntrySchema from "../schema/log-entry.schema.json";

export interface LogLineProblem {
    /** 1-based line number in the input. */
    line: number;
    /** One entry per failing field, e.g. `/level must be equal to one of the allowed values (…); found "TRACE"`. */
    messages: string[];
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
    if (compiled === undefined) {
        const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
        addFormats(ajv);
        compiled = ajv.compile(logEntrySchema);
    }
    return compiled;
}

function valueAt(entry: unknown, pointer: string): unknown {
    let current = entry;
    for (const token of pointer.split("/").slice(1)) {
        const key = token.replace(/~1/g, "/").replace(/~0/g, "~");
        current = typeof current === "object" && current !== null ? (current as Record<string, unknown>)[key] : undefined;
    }
    return current;
}

function describe(error: ErrorObject, entry: unknown): string {
    const where = error.instancePath === "" ? "/" : error.instancePath;
    switch (error.keyword) {
        case "required":
            return `${error.instancePath}/${String(error.params.missingProperty)} is required`;
        case "additionalProperties":
            return `${error.instancePath}/${String(error.params.additionalProperty)} is not a field of the log schema; put extra data under /context or /tags`;
        case "enum":
            return `${where} ${error.message} (${(error.params.allowedValues as unknown[]).join(", ")}); found ${JSON.stringify(valueAt(entry, error.instancePath))}`;
        default:
            return `${where} ${error.message}; found ${JSON.stringify(valueAt(entry, error.instancePath))}`;
    }
}

/** Problems of one parsed log entry against the schema; empty when it is valid. */
export function logEntryProblems(entry: unknown): string[] {
    const validate = validator();
    if (validate(entry)) {
        return [];
    }
    // `pattern` and `format` both fail for a bad timestamp; one message per field and keyword is enough.
    const seen = new Set<string>();
    const messages: string[] = [];
    for (const error of validate.errors ?? []) {
        const message = describe(error, entry);
        if (!seen.has(message)) {
            seen.add(message);
            messages.push(message);
        }
    }
    return messages;
}

/** Problems of a text of JSON log lines, one line each; blank lines are ignored. */
export function validateLogLines(text: string): LogLineProblem[] {
    const problems: LogLineProblem[] = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        if (raw.trim() === "") {
            return;
        }
        let entry: unknown;
        try {
            entry = JSON.parse(raw);
        } catch (error) {
            problems.push({ line: index + 1, messages: [`not JSON: ${(error as Error).message}`] });
            return;
        }
        const messages = logEntryProblems(entry);
        if (messages.length > 0) {
            problems.push({ line: index + 1, messages });
        }
    });
    return problems;
}

export function formatProblems(problems: readonly LogLineProblem[]): string[] {
    return problems.flatMap((problem) => problem.messages.map((message) => `line ${problem.line}: ${message}`));
}

export interface LogLintIo {
    readFile(path: string): string;
    readStdin(): string;
    out(text: string): void;
    err(text: string): void;
}

const processIo: LogLintIo = {
    readFile: (path) => readFileSync(path, "utf8"),
    readStdin: () => readFileSync(0, "utf8"),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
};

/** The command; returns its exit code. */
export function runLogLint(argv: readonly string[], io: LogLintIo = processIo): number {
    const program = new Command()
        .name("log-lint")
        .description("Validate JSON log lines against schema/log-entry.schema.json")
        .argument("<file>", "file of JSON log lines, one per line, or - for standard input")
        .exitOverride()
        .configureOutput({ writeOut: io.out, writeErr: io.err });
    try {
        program.parse([...argv], { from: "user" });
    } catch (error) {
        return (error as { exitCode?: number }).exitCode === 0 ? 0 : 2;
    }
    const file = program.args[0];
    let text: string;
    try {
        text = file === "-" ? io.readStdin() : io.readFile(file);
    } catch (error) {
        io.err(`log-lint: cannot read ${file}: ${(error as Error).message}\n`);
        return 2;
    }
    const problems = validateLogLines(text);
    for (const line of formatProblems(problems)) {
        io.out(`${line}\n`);
    }
    const checked = text.split(/\r?\n/).filter((line) => line.trim() !== "").length;
    io.err(`log-lint: ${checked} line(s) checked, ${problems.length} bad\n`);
    return problems.length > 0 ? 1 : 0;
}

if (require.main === module) {
    process.exitCode = runLogLint(process.argv.slice(2));
}
