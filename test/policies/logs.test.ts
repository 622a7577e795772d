import * as assert from "assert";
import fc from "fast-check";
import { CLOUDWATCH_RETENTION_DAYS } from "../../policies/rules/cloudwatch";
import { change, logGroup } from "./builders";
import { remediate, validate } from "./harness";

describe("log group policies", () => {
    describe("log-group-retention", () => {
        it("accepts the prod minimum", () => {
            assert.deepStrictEqual(validate("log-group-retention", logGroup()), []);
        });

        it("reports unset retention as never expiring, suggesting the smallest accepted value ≥ the minimum", () => {
            const [message] = validate("log-group-retention", change(logGroup(), { retentionInDays: undefined }));
            assert.match(message, /log group "orders-logs"/);
            assert.match(message, /never expire/);
            assert.match(message, /found: retentionInDays not set/);
            assert.match(message, /set retentionInDays to 365/);
        });

        it("reports 0 (never expire)", () => {
            assert.match(validate("log-group-retention", change(logGroup(), { retentionInDays: 0 }))[0], /found: retentionInDays 0/);
        });

        it("reports 2555 as a value CloudWatch does not accept and suggests 2557", () => {
            const [message] = validate("log-group-retention", change(logGroup(), { retentionInDays: 2555 }));
            assert.match(message, /2555 days is not a retention CloudWatch accepts/);
            assert.match(message, /set retentionInDays to 2557/);
        });

        it("applies the environment's minimum", () => {
            const week = change(logGroup(), { retentionInDays: 7 });
            assert.deepStrictEqual(validate("log-group-retention", week, { environment: "dev" }), []);
            assert.match(validate("log-group-retention", week, { environment: "staging" })[0], /shorter than the staging minimum of 30 days/);
        });

        it("rounds a configured minimum up to an accepted value in the fix", () => {
            const [message] = validate("log-group-retention", change(logGroup(), { retentionInDays: 365 }), {
                environment: "prod",
                minimumRetentionDays: { prod: 500 },
            });
            assert.match(message, /set retentionInDays to 545/);
        });

        it("judges every number like CloudWatch does (property)", () => {
            fc.assert(
                fc.property(fc.integer({ min: -10, max: 4000 }), fc.constantFrom("dev", "staging", "prod"), (days, environment) => {
                    const minimum = { dev: 7, staging: 30, prod: 365 }[environment];
                    const compliant = (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(days) && days >= minimum;
                    const messages = validate("log-group-retention", change(logGroup(), { retentionInDays: days }), { environment });
                    assert.strictEqual(messages.length === 0, compliant, `${days} in ${environment}`);
                }),
                { numRuns: 300 },
            );
        });

        it("remediates to an accepted value ≥ the minimum, never shortening retention (property)", () => {
            fc.assert(
                fc.property(fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }), (days) => {
                    const group = change(logGroup(), { retentionInDays: days });
                    const fixed = remediate("log-group-retention", group);
                    if (fixed === undefined) {
                        assert.deepStrictEqual(validate("log-group-retention", group), []);
                        return;
                    }
                    const result = fixed.retentionInDays as number;
                    assert.ok((CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(result));
                    assert.ok(result >= 365);
                    assert.ok(days === undefined || result >= Math.min(days, 3653));
                    assert.deepStrictEqual(validate("log-group-retention", { ...group, props: fixed }), []);
                }),
                { numRuns: 300 },
            );
        });
    });

    describe("log-group-encryption", () => {
        it("accepts a KMS-encrypted group", () => {
            assert.deepStrictEqual(validate("log-group-encryption", logGroup()), []);
        });

        it("reports a group without kmsKeyId", () => {
            const [message] = validate("log-group-encryption", change(logGroup(), { kmsKeyId: undefined }));
            assert.match(message, /not encrypted with a customer-managed KMS key/);
            assert.match(message, /found: kmsKeyId not set/);
        });

        it("is advisory by default", async () => {
            const { resourcePolicy } = await import("./harness");
            assert.strictEqual(resourcePolicy("log-group-encryption").enforcementLevel, "advisory");
        });
    });
});
