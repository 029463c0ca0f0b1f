// The CourierSession's SQLite storage: schema migration, the state row, the trace, and the progress waiting for Postgres.
import { ObjectStorage } from "../shared/object-storage";
import type { Milestone } from "../../db/crowdship";
import type { SessionState, TracePoint } from "./engine";
import type { ShipmentStatus } from "./protocol";


export interface Progress {
  status: ShipmentStatus;
  milestones: Milestone[];
}

export class SessionStorage extends ObjectStorage {
  migrate(): void {
    this.migrateSteps([
      () => {
        this.sql.exec(`CREATE TABLE trace (seq INTEGER PRIMARY KEY AUTOINCREMENT, lat REAL NOT NULL, lng REAL NOT NULL, at_ms INTEGER NOT NULL)`);
        this.sql.exec(`CREATE TABLE pending_progress (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL)`);
      },
    ]);
  }

  loadState(): SessionState | null {
    const text = this.meta("state");
    if (!text) return null;
    const trace = this.sql.exec<{ lat: number; lng: number; at_ms: number }>("SELECT lat, lng, at_ms FROM trace ORDER BY seq").toArray().map((row) => ({ lat: row.lat, lng: row.lng, atMs: row.at_ms }));
    return { ...(JSON.parse(text) as Omit<SessionState, "trace">), trace };
  }

  /** The trace lives in its own table: a position then writes one small row, not the whole trace again. */
  saveState(state: SessionState, traceAppended: readonly TracePoint[] | null): void {
    const { trace, ...rest } = state;
    this.setMeta("state", JSON.stringify(rest));
    if (traceAppended === null) {
      this.sql.exec("DELETE FROM trace");
      for (const point of trace) this.appendTrace(point);
    } else {
      for (const point of traceAppended) this.appendTrace(point);
    }
  }

  private appendTrace(point: TracePoint): void {
    this.sql.exec("INSERT INTO trace (lat, lng, at_ms) VALUES (?, ?, ?)", point.lat, point.lng, point.atMs);
  }

  /** Each report carries the whole status and milestone list, so only the newest waiting one needs sending. */
  queueProgress(progress: Progress): void {
    this.sql.exec("INSERT INTO pending_progress (body) VALUES (?)", JSON.stringify(progress));
  }

  newestProgress(): { id: number; progress: Progress } | null {
    const row = this.sql.exec<{ id: number; body: string }>("SELECT id, body FROM pending_progress ORDER BY id DESC LIMIT 1").toArray()[0];
    return row ? { id: row.id, progress: JSON.parse(row.body) as Progress } : null;
  }

  dropProgressThrough(id: number): void {
    this.sql.exec("DELETE FROM pending_progress WHERE id <= ?", id);
  }
}
