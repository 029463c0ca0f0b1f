// The in-app inbox: notifications are created from events (idempotently) and listed newest first.
import { and, desc, eq, lt, or } from "drizzle-orm";
import { notifications } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { decodeCursor, encodeCursor } from "../platform/cursor";
import type { Tx } from "../platform/db";
import { newId } from "../platform/ids";

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  sourceEventId: string;
}

/** One notification per (event, kind): a redelivered event does not notify twice. */
export async function createNotification(tx: Tx, input: NotificationInput, now: Date): Promise<void> {
  await tx
    .insert(notifications)
    .values({ id: newId("notification"), ...input, data: input.data ?? {}, createdAt: now })
    .onConflictDoNothing();
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export async function listNotifications(
  ctx: ServiceContext,
  userId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: NotificationView[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  const rows = await ctx.db.orm
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        after
          ? or(lt(notifications.createdAt, new Date(String(after.key))), and(eq(notifications.createdAt, new Date(String(after.key))), lt(notifications.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: row.data as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ key: last.createdAt, id: last.id }) : null };
}
