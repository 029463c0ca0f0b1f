// Structured JSON logs, one object per line, each carrying the request id when there is one.

export type LogLevel = "debug" | "info" | "warn" | "error";
const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

function parseLevel(value: string | undefined): LogLevel {
  return value === "debug" || value === "warn" || value === "error" ? value : "info";
}

export function createLogger(levelName: string | undefined, base: Record<string, unknown> = {}): Logger {
  const minimum = LEVEL_RANK[parseLevel(levelName)];
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (LEVEL_RANK[level] < minimum) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...base, ...fields });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (fields) => createLogger(levelName, { ...base, ...fields }),
  };
}

/** Errors as plain fields for a log line (stack included; never the request body). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  // The Neon driver rejects with a WebSocket ErrorEvent when it cannot connect: keep its message, not "[object ErrorEvent]".
  if (typeof error === "object" && error !== null && "message" in error) return { errorName: error.constructor?.name, errorMessage: String(error.message) };
  return { errorMessage: String(error) };
}
