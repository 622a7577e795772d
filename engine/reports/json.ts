import type { PreviewResult } from "../preview";

/** The JSON contract: exactly the PreviewReport document. */
export function renderJson(result: PreviewResult): string {
    return JSON.stringify(result.report, null, 2) + "\n";
}
