import * as assert from "assert";
import * as path from "path";
import { readFileSync } from "fs";
import { LogLintIo, runLogLint, validateLogLines } from "../tools/log-lint";

const FIXTURES = path.join(__dirname, "fixtures", "logs");
const fixture = (name: string) => path.join(FIXTURES, name);

function run(argv: string[], stdin = ""): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const io: LogLintIo = {
        readFile: (file) => readFileSync(file, "utf8"),
        readStdin: () => stdin,
        out: (text) => (out += text),
        err: (text) => (err += text),
    };
    return { code: runLogLint(argv, io), out, err };
}

describe("log-lint", () => {
    it("accepts well-formed lines (schema fields, Powertools keys, W3C and X-Ray trace ids) and skips blank lines", () => {
        const result = run([fixture("good.jsonl")]);
        assert.strictEqual(result.out, "");
        assert.strictEqual(result.code, 0);
        assert.match(result.err, /3 line\(s\) checked, 0 bad/);
    });

    it("reports each bad line with its line number and failing field, and exits 1", () => {
        const result = run([fixture("bad.jsonl")]);
        assert.strictEqual(result.code, 1);
        assert.deepStrictEqual(result.out.trimEnd().split("\n"), [
            'line 3: /level must be equal to one of the allowed values (DEBUG, INFO, WARN, ERROR, FATAL); found "TRACE"',
            "line 4: /correlation_id is required",
            'line 5: /timestamp must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$"; found "2024-05-01T14:00:00+02:00"',
            'line 6: /trace_id must match pattern "^(1-[0-9a-f]{8}-[0-9a-f]{24}|[0-9a-f]{32})$"; found "Root=1-6632300a-0123456789abcdef01234567"',
            `line 7: not JSON: ${jsonError("starting server on port 8080")}`,
            "line 8: /userId is not a field of the log schema; put extra data under /context or /tags",
            "line 8: /http/status_code must be <= 599; found 700",
        ]);
    });

    it("reads standard input for -", () => {
        const result = run(["-"], '{"level":"INFO"}\n');
        assert.strictEqual(result.code, 1);
        assert.match(result.out, /^line 1: \/timestamp is required$/m);
    });

    it("exits 2 with the reason when the file cannot be read or no file is given", () => {
        const missing = run([fixture("missing.jsonl")]);
        assert.strictEqual(missing.code, 2);
        assert.match(missing.err, /cannot read .*missing\.jsonl: ENOENT/);
        const none = run([]);
        assert.strictEqual(none.code, 2);
        assert.match(none.err, /missing required argument 'file'/);
    });

    it("exports the validation for reuse, counting lines from 1 as editors do", () => {
        assert.deepStrictEqual(validateLogLines("\n\n{}").map((problem) => problem.line), [3]);
    });
});

function jsonError(text: string): string {
    try {
        JSON.parse(text);
    } catch (error) {
        return (error as Error).message;
    }
    throw new Error(`"${text}" is valid JSON`);
}
