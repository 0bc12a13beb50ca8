// change set × answers → statements (data) → SQL. The order of the steps is the data of
// statement-order.ts; what each step writes is upgrade-steps.ts and downgrade-steps.ts.
import type { ChangeSet } from "../diff/change-set.ts";
import type { Answers } from "../questions/answers.ts";
import { emptyRestoreRows, type RestoreRows } from "../snapshot/read-restore-rows.ts";
import { compileStatement } from "./compile-statement.ts";
import { DOWNGRADE_STEPS } from "./downgrade-steps.ts";
import type { Statement } from "./statement.ts";
import { DOWNGRADE_ORDER, UPGRADE_ORDER } from "./statement-order.ts";
import { UPGRADE_STEPS } from "./upgrade-steps.ts";

export interface MigrationPlan {
  /** The upgrade as data. */
  statements: Statement[];
  /** The downgrade as data. */
  downgradeStatements: Statement[];
  /** One SQL statement per element. */
  upgrade: string[];
  downgrade: string[];
}

/**
 * The upgrade and downgrade of a change set, as statements (data) and as SQL, one statement per element.
 * Pure: reads nothing, so the same change set and answers always give the same SQL. The order is described
 * in docs/design.md, "Statement order".
 *
 * @param changeSet - the change set to plan: `ResolvedAnswers.changeSet` (renames applied).
 * @param answers - `ResolvedAnswers.answers`.
 * @param restoreRows - the rows the deletions remove, as read from the database (`Comparison.restoreRows`);
 *   with them the downgrade puts deleted rows back with their ids and timestamps, else by name with new ones.
 * @throws PlanError when an answer the plan needs is missing (resolve them with `resolveAnswers` first).
 * @example
 * const { changeSet, answers } = await resolveAnswers(comparison, model, { inputs });
 * const { upgrade, downgrade } = planMigration(changeSet, answers, comparison.restoreRows);
 */
export function planMigration(
  changeSet: ChangeSet,
  answers: Answers,
  restoreRows: RestoreRows = emptyRestoreRows(),
): MigrationPlan {
  const statements = UPGRADE_ORDER.flatMap(({ step }) => UPGRADE_STEPS[step](changeSet, answers));
  const downgradeStatements = DOWNGRADE_ORDER.flatMap(({ step }) =>
    DOWNGRADE_STEPS[step](changeSet, restoreRows),
  );
  return {
    statements,
    downgradeStatements,
    upgrade: statements.flatMap(compileStatement),
    downgrade: downgradeStatements.flatMap(compileStatement),
  };
}
