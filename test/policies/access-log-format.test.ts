import * as assert from "assert";
import fc from "fast-check";
import { DEFAULT_REQUIRED_ACCESS_LOG_FIELDS } from "../../policies/lib/config";
import { checkAccessLogFormat, exampleAccessLogFormat } from "../../policies/lib/access-log-format";

const REQUIRED = DEFAULT_REQUIRED_ACCESS_LOG_FIELDS.rest;

/** A JSON-ish key free of `$context`, so that removing a field really removes its variable. */
const key = fc.string({ maxLength: 12 }).filter((text) => !text.includes("$context"));
const extraValue = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)).filter((text) => !text.includes("$context"));
const otherVariable = fc.constantFrom("$context.httpMethod", "$context.resourcePath", "$context.identity.sourceIp", "$context.authorizer.claims.sub");

interface Field {
    key: string;
    /** The value as written in the template: a quoted or unquoted variable, or a JSON value. */
    value: string;
}

/** Renders a template the way API Gateway users write them. */
function render(fields: readonly Field[]): string {
    return `{${fields.map((field) => `${JSON.stringify(field.key)}:${field.value}`).join(",")}}`;
}

const requiredField = (variable: string) =>
    fc.tuple(key, fc.boolean()).map(([name, quoted]): Field => ({ key: name, value: quoted ? `"${variable}"` : variable }));

const extraField = fc.oneof(
    fc.tuple(key, extraValue).map(([name, value]): Field => ({ key: name, value })),
    fc.tuple(key, otherVariable, fc.boolean()).map(([name, variable, quoted]): Field => ({ key: name, value: quoted ? `"${variable}"` : variable })),
);

const template = fc
    .tuple(fc.tuple(...REQUIRED.map(requiredField)), fc.array(extraField, { maxLength: 6 }))
    .chain(([required, extras]) => fc.shuffledSubarray([...required, ...extras], { minLength: required.length + extras.length }).map((fields) => ({ fields, required })));

describe("access-log format check", () => {
    it("accepts any JSON object carrying the required variables, quoted or not, among extra fields", () => {
        fc.assert(
            fc.property(template, ({ fields }) => {
                const verdict = checkAccessLogFormat(render(fields), REQUIRED);
                assert.ok(verdict.valid, render(fields));
            }),
            { numRuns: 300 },
        );
    });

    it("rejects the same template with any one required field removed, naming it", () => {
        fc.assert(
            fc.property(template, fc.nat(), ({ fields, required }, pick) => {
                const removed = required[pick % required.length];
                const variable = REQUIRED[pick % REQUIRED.length];
                const format = render(fields.filter((field) => field !== removed));
                const verdict = checkAccessLogFormat(format, REQUIRED);
                assert.ok(!verdict.valid, format);
                assert.ok(verdict.missing.includes(variable));
            }),
            { numRuns: 300 },
        );
    });

    it("rejects CLF-, CSV- and XML-like templates built from the same variables", () => {
        const separators = fc.constantFrom(" ", ",", " - ", "|", "\t");
        const line = fc.tuple(fc.shuffledSubarray([...REQUIRED], { minLength: REQUIRED.length }), separators, fc.boolean()).map(
            ([variables, separator, xml]) =>
                xml ? `<log>${variables.map((variable) => `<v>${variable}</v>`).join("")}</log>` : variables.join(separator),
        );
        fc.assert(
            fc.property(line, (format) => {
                assert.ok(!checkAccessLogFormat(format, REQUIRED).valid, format);
            }),
        );
    });

    it("rejects JSON that is not an object (a bare variable, an array)", () => {
        assert.ok(!checkAccessLogFormat("$context.requestId", REQUIRED).valid);
        assert.ok(!checkAccessLogFormat(`[${REQUIRED.map((v) => `"${v}"`).join(",")}]`, REQUIRED).valid);
    });

    it("never throws, whatever the input", () => {
        fc.assert(
            fc.property(fc.oneof(fc.string(), fc.anything()), (input) => {
                checkAccessLogFormat(input, REQUIRED);
            }),
            { numRuns: 500 },
        );
    });

    it("offers an example format that passes its own check", () => {
        assert.ok(checkAccessLogFormat(exampleAccessLogFormat(REQUIRED), REQUIRED).valid);
    });
});
