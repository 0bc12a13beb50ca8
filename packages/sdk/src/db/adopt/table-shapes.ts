// The shape of tables as PostgreSQL's catalogue describes them (columns with type, nullability and
// default; unique keys; foreign keys with ON DELETE), read the same way for the database at hand and for
// the tables the core migration creates, so the two can be compared without a hand-kept copy of either.

/** Runs one query; a Database or a TransactionScope. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface ColumnShape {
  name: string;
  /** As format_type() prints it: `character varying(2000)`, `uuid`, `timestamp with time zone`. */
  type: string;
  nullable: boolean;
  /** The default expression, or null. */
  default: string | null;
}

export interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  /** CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION. */
  onDelete: string;
}

export interface TableShape {
  name: string;
  columns: ColumnShape[];
  /** Column lists (in key order) of the primary key, unique constraints and unique indexes. */
  uniqueKeys: string[][];
  foreignKeys: ForeignKeyShape[];
}

/** Where to read tables from: the schema tables resolve to now, or this session's temporary schema. */
export type ShapeNamespace = "current" | "temporary";

const NAMESPACE_SQL: Record<ShapeNamespace, string> = {
  current: "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())",
  temporary: "pg_my_temp_schema()",
};

const ON_DELETE: Record<string, string> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

/** The shapes of `tables` that exist in `namespace`; tables that do not exist are left out. */
export async function readTableShapes(
  db: Queryable,
  namespace: ShapeNamespace,
  tables: readonly string[],
): Promise<Map<string, TableShape>> {
  const ns = NAMESPACE_SQL[namespace];
  const names = `ARRAY[${tables.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ")}]::text[]`;
  const [columns, uniques, foreignKeys] = await Promise.all([
    db.query<{ table: string; name: string; type: string; notnull: boolean; default: string | null }>(
      `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
              a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = ${ns} AND c.relkind IN ('r', 'p') AND c.relname = ANY(${names})
          AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum`,
    ),
    // Unique indexes cover primary keys and unique constraints too (each has one); partial and
    // expression indexes do not make a column list unique, so they are left out.
    db.query<{ table: string; columns: string[] | string }>(
      `SELECT c.relname AS table,
              array(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, pos)
                      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                     ORDER BY k.pos)::text[] AS columns
         FROM pg_index i
         JOIN pg_class c ON c.oid = i.indrelid
        WHERE c.relnamespace = ${ns} AND c.relname = ANY(${names}) AND i.indisunique
          AND i.indpred IS NULL AND i.indexprs IS NULL`,
    ),
    db.query<{
      table: string;
      columns: string[] | string;
      referenced: string;
      referenced_columns: string[] | string;
      on_delete: string;
    }>(
      `SELECT c.relname AS table, r.relname AS referenced, con.confdeltype AS on_delete,
              array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, pos)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                     ORDER BY k.pos)::text[] AS columns,
              array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, pos)
                      JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                     ORDER BY k.pos)::text[] AS referenced_columns
         FROM pg_constraint con
         JOIN pg_class c ON c.oid = con.conrelid
         JOIN pg_class r ON r.oid = con.confrelid
        WHERE con.contype = 'f' AND c.relnamespace = ${ns} AND c.relname = ANY(${names})`,
    ),
  ]);
  const shapes = new Map<string, TableShape>();
  const shapeOf = (table: string) => {
    let shape = shapes.get(table);
    if (!shape) {
      shape = { name: table, columns: [], uniqueKeys: [], foreignKeys: [] };
      shapes.set(table, shape);
    }
    return shape;
  };
  for (const column of columns) {
    shapeOf(column.table).columns.push({
      name: column.name,
      type: column.type,
      nullable: !column.notnull,
      default: column.default,
    });
  }
  for (const unique of uniques) shapes.get(unique.table)?.uniqueKeys.push(textArray(unique.columns));
  for (const fk of foreignKeys) {
    shapes.get(fk.table)?.foreignKeys.push({
      columns: textArray(fk.columns),
      referencedTable: fk.referenced,
      referencedColumns: textArray(fk.referenced_columns),
      onDelete: ON_DELETE[fk.on_delete] ?? fk.on_delete,
    });
  }
  return shapes;
}

/** A text[] as the driver returns it: an array (node-postgres) or its literal `{a,b}` (some drivers). */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : inner.split(",").map((item) => item.replace(/^"|"$/g, ""));
}
