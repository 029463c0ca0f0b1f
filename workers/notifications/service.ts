// The in-app inbox: notifications are created from events (idempotently) and listed newest first.
import { and, desc, eq } from "drizzle-orm";
import { notifications } from "../../db/schema";
import type { ServiceContext } from "../platform/context";
import { newestFirstAfter, toPage } from "../platform/cursor";
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

/** One notification per (event, kind, recipient): a redelivered event does not notify twice. */
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
  const rows = await ctx.db.orm
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), newestFirstAfter(notifications.createdAt, notifications.id, page.cursor)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1);
  const views = rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: row.data as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
  return toPage(views, page.limit, (view) => ({ key: view.createdAt, id: view.id }));
}
