// Who is calling: set by the auth middleware from a verified access token and a live session.

export type Role = "buyer" | "seller" | "traveler" | "admin";
export const ROLES: readonly Role[] = ["buyer", "seller", "traveler", "admin"];

export interface AuthContext {
  userId: string;
  sessionId: string;
  roles: Role[];
}
