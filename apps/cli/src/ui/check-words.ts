// What `db check` says about migrations and models, in one place so that `serve`'s status line uses the
// same words as the command.
import { describePending, plural } from "@orchestrator/sdk";

export interface CheckOutcome {
  pending: string[];
  changed: string[];
  differences: number;
}

export function checkMessage(result: CheckOutcome): string {
  if (result.changed.length > 0)
    return `Applied migrations changed or missing: ${result.changed.join(", ")}.`;
  if (result.pending.length > 0)
    return `${describePending(result.pending)}. Run \`orchestrator db upgrade heads\`.`;
  if (result.differences > 0)
    return `The domain models differ from the database in ${plural(result.differences, "place")}. Run \`orchestrator db diff\` to see them, \`orchestrator db migrate-domain-models MESSAGE\` to fix them.`;
  return "Models, migrations and database agree.";
}
