import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Args, Flags } from "@oclif/core";
import {
  describeTarget,
  embeddedDatabaseExists,
  MigrationRunner,
  migrationSources,
  type Project,
} from "@orchestrator/sdk";
import { BaseCommand, helpWithExitCodes } from "../../base-command.ts";
import { type MigrationSql, renderMigrationSql } from "../../ui/migration-sql.ts";

export default class DbUpgrade extends BaseCommand<typeof DbUpgrade> {
  static override summary =
    "Apply pending migrations: the orchestrator's core schema first, then your data migrations.";
  static override description = helpWithExitCodes(
    "Each migration runs in its own transaction: if a statement fails, that migration changes nothing and the error names the statement. Concurrent runs wait for each other; each migration is applied exactly once. An applied migration whose file changed afterwards, or is missing, stops the upgrade before anything is applied.",
  );
  static override args = {
    target: Args.string({
      description: "heads (all), +N (the next N), or a migration name to stop after",
      default: "heads",
    }),
  };
  static override flags = {
    "create-database": Flags.boolean({
      description:
        "Create the PostgreSQL database named in the URL if it does not exist (without it, a missing database is an error: exit code 11)",
      exclusive: ["sql"],
    }),
    sql: Flags.boolean({
      description:
        "Print the SQL of the migrations the target would apply, without running it (nothing is written)",
    }),
  };
  static override changesDatabase = true;
  static override examples = [
    "<%= config.bin %> db upgrade heads",
    "<%= config.bin %> db upgrade +1",
    "<%= config.bin %> db upgrade heads --create-database",
    "<%= config.bin %> db upgrade heads --sql > upgrade.sql",
  ];

  async run(): Promise<{ database: string; applied: string[] } | { database: string; sql: MigrationSql[] }> {
    const project = await this.project();
    if (this.flags.sql) return this.#printSql(project);
    const createDatabase = this.flags["create-database"];
    return this.withDatabase(
      project,
      async (db) => {
        const runner = new MigrationRunner(db, migrationSources(project.migrationsDir), {
          lockTimeoutMs: this.lockTimeoutMs,
          onLockWait: this.onLockWait,
          onProgress: ({ name }) => this.say(`Applied ${name}`),
        });
        const applied = await runner.upgrade(this.args.target);
        this.say(
          applied.length === 0
            ? `Nothing to apply: ${db.label} is up to date.`
            : `Database ${db.label} is at ${applied.at(-1)}.`,
        );
        return { database: db.label, applied };
      },
      // The embedded database is created by its first upgrade; a server's database only on request.
      { createDatabase, createEmbedded: true },
    );
  }

  /** The statements of the range, planned as `upgrade` plans it, with nothing run or recorded. */
  async #printSql(project: Project): Promise<{ database: string; sql: MigrationSql[] }> {
    const target = project.database;
    // An embedded database that does not exist yet is planned on a new one in a temporary folder: the
    // SQL that would create it, with nothing written into the project.
    const scratch =
      target.kind === "pglite" && !embeddedDatabaseExists(target.dataDir)
        ? mkdtempSync(join(tmpdir(), "orchestrator-sql-"))
        : undefined;
    const planned = scratch
      ? { ...project, database: { kind: "pglite" as const, dataDir: join(scratch, "db") } }
      : project;
    try {
      return await this.withDatabase(
        planned,
        async (db) => {
          const runner = new MigrationRunner(db, migrationSources(project.migrationsDir));
          const sql: MigrationSql[] = [];
          for (const { name, kind } of await runner.planUpgrade(this.args.target))
            sql.push({ name, kind, statements: await runner.statements(name, "up") });
          const label = describeTarget(target);
          this.say(
            sql.length ? renderMigrationSql(sql, "upgrade") : `-- Nothing to apply: ${label} is up to date.`,
          );
          return { database: label, sql };
        },
        { createEmbedded: scratch !== undefined },
      );
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  }
}
