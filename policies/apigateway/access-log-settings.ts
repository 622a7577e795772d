import { checkAccessLogFormat, exampleAccessLogFormat } from "../lib/access-log-format";
import { describeValue, type Finding } from "../lib/messages";
import { UNKNOWN, readPath } from "../lib/unknowns";

/**
 * What is wrong with a stage's `accessLogSettings` (REST and v2 stages name them the same):
 * a destination must be set and the format must be a JSON object with the required variables.
 */
export function accessLogSettingsFindings(props: Record<string, unknown>, required: readonly string[]): Finding[] {
    const settings = readPath(props, "accessLogSettings");
    if (settings === UNKNOWN) {
        return [];
    }
    if (settings === undefined || settings === null) {
        return [
            {
                problem: "access logging is off",
                found: "accessLogSettings not set",
                fix: `set accessLogSettings with destinationArn (a log group ARN with retention) and format ${exampleAccessLogFormat(required)}`,
            },
        ];
    }
    const findings: Finding[] = [];
    const destination = readPath(props, "accessLogSettings", "destinationArn");
    if (destination !== UNKNOWN && (typeof destination !== "string" || destination.trim() === "")) {
        findings.push({
            problem: "access logs have no destination",
            found: `accessLogSettings.destinationArn ${describeValue(destination)}`,
            fix: "set accessLogSettings.destinationArn to the ARN of a log group declared with retention",
        });
    }
    const format = readPath(props, "accessLogSettings", "format");
    if (format !== UNKNOWN) {
        const verdict = checkAccessLogFormat(format, required);
        if (!verdict.valid) {
            findings.push({
                problem: verdict.problem,
                found: `accessLogSettings.format ${describeValue(format)}`,
                fix: `use a JSON format carrying ${required.join(", ")}, e.g. ${exampleAccessLogFormat(required)}`,
            });
        }
    }
    return findings;
}
