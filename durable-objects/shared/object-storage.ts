// What every Durable Object's SQLite storage shares: a key/value meta table and a schema version migrated step by step.

export abstract class ObjectStorage {
  constructor(protected readonly sql: SqlStorage) {}

  /**
   * Brings the schema to `steps.length`: step i (0-based) runs once, when the stored version is i. Call inside
   * blockConcurrencyWhile, so nothing reads a half-migrated schema.
   */
  protected migrateSteps(steps: readonly (() => void)[]): void {
    this.sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    const version = Number(this.meta("schema_version") ?? 0);
    for (let step = version; step < steps.length; step++) steps[step]!();
    this.setMeta("schema_version", String(steps.length));
  }

  meta(key: string): string | null {
    const row = this.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0];
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
  }
}
