// What the order page says on arrival from checkout (passed in the navigation state, shown once).

export function orderNotice(message: string): { orderNotice: string } {
  return { orderNotice: message };
}

export function readOrderNotice(state: unknown): string | null {
  if (typeof state !== "object" || state === null || !("orderNotice" in state)) return null;
  return typeof state.orderNotice === "string" ? state.orderNotice : null;
}
