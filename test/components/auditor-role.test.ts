import { strict as assert } from "assert";
import { AuditorRole } from "../../components/audit/auditor-role";
import { ObservabilityEstate } from "../../components/estate";
import { allowedActions, auditorFixPolicy, auditorReadOnlyPolicy } from "../../auditor/iam/policy";
import { estateConfigFor } from "../support/estate-fixtures";
import { RecordingMocks, resolve, settle, useRecordingMocks } from "../support/pulumi-mocks";

const SECURITY_ACCOUNT = "arn:aws:iam::210987654321:root";

describe("AuditorRole", () => {
    let mocks: RecordingMocks;
    beforeEach(async () => {
        mocks = await useRecordingMocks("prod");
    });

    const documents = () => {
        const [role] = mocks.ofType("aws:iam/role:Role");
        const [policy] = mocks.ofType("aws:iam/rolePolicy:RolePolicy");
        return { role, trust: JSON.parse(role.inputs.assumeRolePolicy), permissions: JSON.parse(policy.inputs.policy) };
    };

    it("lets only the configured principals assume it, with exactly the auditor's read actions", async () => {
        const auditor = new AuditorRole("auditor", { roleName: "observability-auditor", trustedPrincipalArns: [SECURITY_ACCOUNT], allowFix: false });
        await settle();
        const { role, trust, permissions } = documents();
        assert.equal(role.inputs.name, "observability-auditor");
        assert.deepEqual(trust.Statement, [{ Effect: "Allow", Principal: { AWS: [SECURITY_ACCOUNT] }, Action: "sts:AssumeRole" }]);
        const granted = allowedActions(permissions).sort();
        const shipped = allowedActions(auditorReadOnlyPolicy());
        // What the caller needs in organization mode stays with the caller.
        assert.deepEqual(granted, shipped.filter((a) => !a.startsWith("organizations:") && a !== "sts:AssumeRole").sort());
        assert.ok(!granted.some((a) => /(^|:)\*$/.test(a)), "no wildcard actions");
        assert.match(await resolve(auditor.roleArn), /:role\/observability-auditor$/);
    });

    it("adds the write actions of --fix only when asked", async () => {
        new AuditorRole("auditor", { roleName: "auditor-with-fix", trustedPrincipalArns: [SECURITY_ACCOUNT], allowFix: true });
        await settle();
        const granted = allowedActions(documents().permissions);
        for (const action of allowedActions(auditorFixPolicy())) {
            assert.ok(granted.includes(action), `${action} granted`);
        }
    });

    it("is part of the estate only when the stack config asks for it", async () => {
        new ObservabilityEstate("observability", estateConfigFor("prod"));
        await settle();
        assert.equal(mocks.ofType("aws:iam/role:Role").filter((r) => r.inputs.name === "observability-auditor").length, 0);
        mocks = await useRecordingMocks("prod");
        const estate = new ObservabilityEstate(
            "observability",
            estateConfigFor("prod", { auditorRole: { roleName: "observability-auditor", trustedPrincipalArns: [SECURITY_ACCOUNT], allowFix: false } }),
        );
        await settle();
        assert.equal(mocks.ofType("aws:iam/role:Role").filter((r) => r.inputs.name === "observability-auditor").length, 1);
        assert.ok(estate.auditorRole);
    });
});
