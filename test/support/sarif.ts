import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";

/**
 * Validates a document against the official SARIF 2.1.0 JSON schema (draft-04), as published
 * by OASIS and shipped in @microsoft/jest-sarif.
 */
let validator: ValidateFunction | undefined;

export function sarifProblems(document: unknown): string[] {
    if (!validator) {
        const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
        addFormats(ajv);
        validator = ajv.compile(require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"));
    }
    return validator(document) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
