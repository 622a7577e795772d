import * as fs from "fs";
import * as path from "path";
import { RecordedResource } from "../support/pulumi-mocks";

/** Checks shared by the estate component tests: IAM documents and log schema field paths. */

export interface Statement {
    Sid?: string;
    Effect: string;
    Principal?: "*" | { AWS?: string | string[]; Service?: string | string[] };
    Action: string | string[];
    Resource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

/** A lifecycle rule as the mocks record it. */
export interface LifecycleRule {
    id: string;
    status: string;
    filter: { prefix: string };
    transitions: { days: number; storageClass: string }[];
    expiration: { days: number };
    noncurrentVersionExpiration: { noncurrentDays: number };
}

export interface FoundDocument {
    resource: string;
    property: string;
    statements: Statement[];
}

export const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every IAM policy document (a JSON string with `Statement`) anywhere in the recorded inputs. */
export function policyDocumentsIn(resources: RecordedResource[]): FoundDocument[] {
    const found: FoundDocument[] = [];
    const visit = (value: unknown, resource: string, property: string): void => {
        if (typeof value === "string" && value.includes("Statement")) {
            let parsed: unknown;
            try {
                parsed = JSON.parse(value);
            } catch {
                return;
            }
            if (parsed !== null && typeof parsed === "object" && "Statement" in parsed) {
                found.push({ resource, property, statements: asList((parsed as { Statement: Statement | Statement[] }).Statement) });
            }
        } else if (Array.isArray(value)) {
            value.forEach((item, index) => visit(item, resource, `${property}[${index}]`));
        } else if (value !== null && typeof value === "object") {
            for (const [key, inner] of Object.entries(value)) {
                visit(inner, resource, property === "" ? key : `${property}.${key}`);
            }
        }
    };
    for (const resource of resources) {
        visit(resource.inputs, `${resource.type}::${resource.name}`, "");
    }
    return found;
}

/** An Allow of every action on every resource. */
export function grantsEverything(statement: Statement): boolean {
    const actions = asList(statement.Action);
    const resources = asList(statement.Resource);
    return statement.Effect === "Allow" && actions.some((a) => a === "*" || a === "*:*") && resources.includes("*");
}

export function servicePrincipals(statement: Statement): string[] {
    return typeof statement.Principal === "object" ? asList(statement.Principal.Service) : [];
}

/** Condition keys that tie a service principal to this account or to one of its resources. */
const SOURCE_CONDITION_KEY = /^(aws:SourceAccount|aws:SourceArn|aws:SourceOrgID|sts:ExternalId|kms:EncryptionContext:aws:[a-z0-9]+:arn)$/;

export function hasSourceCondition(statement: Statement): boolean {
    return Object.values(statement.Condition ?? {}).some((keys) => Object.keys(keys).some((key) => SOURCE_CONDITION_KEY.test(key)));
}

export function conditionValue(statement: Statement, operator: string, key: string): unknown {
    return statement.Condition?.[operator]?.[key];
}

export function statementBySid(statements: Statement[], sid: string): Statement {
    const statement = statements.find((candidate) => candidate.Sid === sid);
    if (statement === undefined) {
        throw new Error(`no statement ${sid} in ${JSON.stringify(statements)}`);
    }
    return statement;
}

interface SchemaNode {
    type?: string | string[];
    properties?: Record<string, SchemaNode>;
    items?: SchemaNode;
}

const logSchema: SchemaNode = JSON.parse(
    fs.readFileSync(path.join(__dirname, "..", "..", "schema", "log-entry.schema.json"), "utf8"),
);

/** Whether a dotted path (`performance.duration_ms`, `errors.0.type`) names a property of the log schema. */
export function isLogSchemaPath(dotted: string): boolean {
    let node: SchemaNode | undefined = logSchema;
    for (const segment of dotted.split(".")) {
        if (node === undefined) {
            return false;
        }
        if (/^\d+$/.test(segment) && asList(node.type).includes("array")) {
            node = node.items;
        } else {
            node = node.properties?.[segment];
        }
    }
    return node !== undefined;
}

/** Selectors (`$.a.b`) of a CloudWatch Logs filter pattern or metric value. */
export function filterPatternSelectors(pattern: string): string[] {
    return [...pattern.matchAll(/\$\.([A-Za-z0-9_.]+)/g)].map((match) => match[1]);
}

const INSIGHTS_KEYWORDS = new Set([
    "fields",
    "filter",
    "stats",
    "sort",
    "limit",
    "display",
    "parse",
    "dedup",
    "by",
    "as",
    "asc",
    "desc",
    "and",
    "or",
    "not",
    "in",
    "like",
]);

/**
 * Log fields a Logs Insights query reads: identifiers that are not commands, keywords,
 * functions, aliases it defines, CloudWatch's own `@` fields, literals or duration units.
 */
export function insightsFieldReferences(query: string): string[] {
    const stripped = query
        .replace(/"(?:[^"\\]|\\.)*"/g, " ")
        .replace(/\blike\s+\/(?:[^/\\]|\\.)*\//g, " ")
        .replace(/@\w+/g, " ");
    const aliases = new Set([...stripped.matchAll(/\bas\s+([A-Za-z_]\w*)/g)].map((match) => match[1]));
    const references: string[] = [];
    for (const match of stripped.matchAll(/(?<![\w.])[A-Za-z_]\w*(?:\.\w+)*(?![\w.])/g)) {
        const token = match[0];
        const following = stripped.slice((match.index ?? 0) + token.length).trimStart();
        if (following.startsWith("(") || INSIGHTS_KEYWORDS.has(token) || aliases.has(token)) {
            continue;
        }
        references.push(token);
    }
    return references;
}
