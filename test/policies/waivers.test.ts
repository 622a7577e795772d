import * as assert from "assert";
import fc from "fast-check";
import {
    evaluateWaiver,
    parseConfigWaivers,
    parseWaiverTag,
    waiverTagKey,
    waiverTagValue,
    TAG_KEY_MAX_LENGTH,
} from "../../policies/lib/waivers";
import { policyNames } from "../../policies/catalog";
import { change, compliantStack, lambdaFunction, logGroup } from "./builders";
import { validate, validateStack } from "./harness";

const FUTURE = "2999-12-31";
const PAST = "2020-01-31";
const untraced = () => change(lambdaFunction(), { tracingConfig: { mode: "PassThrough" } });
const tagged = (value: string) => change(untraced(), { tags: { [waiverTagKey("lambda-tracing-active")]: value } });

describe("waivers", () => {
    it("a tag waiver exempts the resource from the named policy only", () => {
        const resource = change(tagged(`${FUTURE} legacy batch job owned by team-x`), { loggingConfig: { logFormat: "Text" } });
        assert.deepStrictEqual(validate("lambda-tracing-active", resource), []);
        assert.strictEqual(validate("lambda-structured-logging", resource).length, 1);
    });

    it("reads waiver tags from tagsAll too (provider default tags)", () => {
        const resource = change(untraced(), { tagsAll: { [waiverTagKey("lambda-tracing-active")]: `${FUTURE} vendor code` } });
        assert.deepStrictEqual(validate("lambda-tracing-active", resource), []);
    });

    it("an expired tag waiver is a violation again and says when it expired and why it was granted", () => {
        const [message] = validate("lambda-tracing-active", tagged(`${PAST} migration to Powertools`));
        assert.match(message, /X-Ray tracing is not Active/);
        assert.match(message, /waiver for this policy expired on 2020-01-31/);
        assert.match(message, /migration to Powertools/);
    });

    it("a malformed tag waiver is a violation naming the tag and the allowed format, and exempts nothing", () => {
        const messages = validate("lambda-tracing-active", tagged("next quarter, maybe"));
        assert.strictEqual(messages.length, 2);
        assert.match(messages[0], /waiver tag observability:waiver:lambda-tracing-active is malformed/);
        assert.match(messages[0], /<YYYY-MM-DD> <reason>/);
        assert.match(messages[1], /X-Ray tracing is not Active/);
    });

    it("rejects a missing reason and an impossible date", () => {
        assert.deepStrictEqual((parseWaiverTag(waiverTagKey("x"), "2030-01-01") as { problems: string[] }).problems, ["reason is missing"]);
        assert.match((parseWaiverTag(waiverTagKey("x"), "2030-02-30 ok") as { problems: string[] }).problems[0], /not a calendar date/);
    });

    it("a config waiver matches by name, URN or glob", () => {
        for (const resource of ["orders", "urn:pulumi:dev::*::orders", "ord*"]) {
            const config = { environment: "prod", waivers: [{ policy: "lambda-tracing-active", resource, reason: "vendor", expires: FUTURE }] };
            assert.deepStrictEqual(validate("lambda-tracing-active", untraced(), config), [], resource);
        }
        const other = { environment: "prod", waivers: [{ policy: "lambda-tracing-active", resource: "payments", reason: "vendor", expires: FUTURE }] };
        assert.strictEqual(validate("lambda-tracing-active", untraced(), other).length, 1);
    });

    it("an expired config waiver says so", () => {
        const config = { environment: "prod", waivers: [{ policy: "lambda-tracing-active", resource: "orders", reason: "vendor", expires: PAST }] };
        assert.match(validate("lambda-tracing-active", untraced(), config)[0], /expired on 2020-01-31 \(pack config waiver for "orders"/);
    });

    it("a malformed config waiver that names the resource is reported and exempts nothing", () => {
        const config = { environment: "prod", waivers: [{ policy: "lambda-tracing-active", resource: "orders", expires: "soon" }] };
        const messages = validate("lambda-tracing-active", untraced(), config);
        assert.strictEqual(messages.length, 2);
        assert.match(messages[0], /pack config waivers\[0\] is malformed \(reason is missing; expiry "soon" is not a YYYY-MM-DD date/);
    });

    it("waives stack-policy findings through the subject's tags", () => {
        const fn = change(lambdaFunction(), { tags: { [waiverTagKey("lambda-log-group-declared")]: `${FUTURE} logs go to Firehose` } });
        assert.deepStrictEqual(validateStack("lambda-log-group-declared", [fn]), []);
    });

    it("waivers-in-use reports every active waiver with policy, resource, reason and expiry, and unknown policy names", () => {
        const fn = change(lambdaFunction(), {
            tags: {
                [waiverTagKey("lambda-tracing-active")]: `${FUTURE} vendor layer`,
                [waiverTagKey("lambda-tracing")]: `${FUTURE} typo in the policy name`,
            },
        });
        const config = { environment: "prod", waivers: [{ policy: "log-group-retention", resource: "orders-logs", reason: "legal hold review", expires: FUTURE }] };
        const reported = validateStack("waivers-in-use", [fn, logGroup()], config);
        assert.strictEqual(reported.length, 3);
        assert.match(reported[0].message, /exempt from lambda-tracing-active by tag observability:waiver:lambda-tracing-active, reason "vendor layer", expires 2999-12-31/);
        assert.match(reported[1].message, /observability:waiver:lambda-tracing names no policy/);
        assert.match(reported[2].message, /log group "orders-logs".*exempt from log-group-retention by pack config waiver for "orders-logs", reason "legal hold review"/);
        assert.strictEqual(reported[2].urn, logGroup().urn);
    });

    it("waivers-in-use is advisory and silent on a stack without waivers", async () => {
        const { stackPolicy } = await import("./harness");
        assert.strictEqual(stackPolicy("waivers-in-use").enforcementLevel, "advisory");
        assert.deepStrictEqual(validateStack("waivers-in-use", compliantStack()), []);
    });

    it("writes tags that AWS accepts and that parse back (property)", () => {
        const awsChar = fc.constantFrom(..."abcXYZ019 _.:/=+-@".split(""));
        const reason = fc.array(awsChar, { minLength: 1, maxLength: 200 }).map((chars) => chars.join("")).filter((text) => text.trim() !== "");
        const date = fc.date({ min: new Date("2000-01-01"), max: new Date("2999-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
        fc.assert(
            fc.property(fc.constantFrom(...policyNames), date, reason, (policy, expires, why) => {
                const key = waiverTagKey(policy);
                const value = waiverTagValue(expires, why);
                assert.ok(key.length <= TAG_KEY_MAX_LENGTH && value.length <= 256);
                assert.match(key + value, /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
                const parsed = parseWaiverTag(key, value);
                assert.deepStrictEqual(parsed, { policy, matchedBy: key, reason: why.trim(), expires, source: "tag" });
            }),
        );
    });

    it("refuses to write a tag value AWS would reject", () => {
        assert.throws(() => waiverTagValue("2030-01-01", "ticket #42 (ops)"), /characters AWS does not accept/);
    });

    it("is valid through the expiry day and expired the day after", () => {
        const subject = { policy: "p", name: "r", tags: { [waiverTagKey("p")]: "2030-06-30 reason" } };
        assert.strictEqual(evaluateWaiver(subject, parseConfigWaivers([]), "2030-06-30").status, "waived");
        assert.strictEqual(evaluateWaiver(subject, parseConfigWaivers([]), "2030-07-01").status, "expired");
    });
});
