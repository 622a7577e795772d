import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./catalog";

// The pack's entry point, run by the Pulumi engine (through @pulumi/pulumi/cmd/run-policy-pack,
// with this folder as working directory; the version comes from ./package.json). Constructing
// the PolicyPack starts the Analyzer gRPC server, so nothing else lives here.
new PolicyPack("observability-guardrails", { policies: allPolicies });
