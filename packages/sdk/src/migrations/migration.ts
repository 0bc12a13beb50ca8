// The base class of a project's data migrations. It is MikroORM's Migration (up/down collect SQL with
// addSql, run by our runner inside one transaction), plus `basedOn`: the core migration the file was
// generated against, which the runner checks so core and data migrations always apply in a valid order.
import { Migration as MikroOrmMigration } from "@mikro-orm/migrations";

export abstract class Migration extends MikroOrmMigration {
  /** Name of the core migration this data migration was written against. */
  static basedOn?: string;

  /** Adds several statements in order; handy with the migration helpers, which return lists. */
  addStatements(statements: Iterable<string>): void {
    for (const statement of statements) this.addSql(statement);
  }

  /** A migration is reversible unless it says otherwise; the default refuses with a clear message. */
  override down(): void | Promise<void> {
    throw new Error(`Migration ${this.name ?? this.constructor.name} has no down() and cannot be reverted.`);
  }
}

/** What a migration file must export: a class extending Migration (default export, or the only export). */
export type MigrationClass = (new (
  ...args: ConstructorParameters<typeof MikroOrmMigration>
) => Migration) & { basedOn?: string };
