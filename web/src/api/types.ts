// Shapes of the /v1 requests and responses the web app uses (see shared API.md, "Auth").
export type SelfServiceRole = "seller" | "traveler";

export interface User {
  id: string;
  email: string;
  displayName: string;
  // "buyer" for everyone, plus "seller", "traveler" or "admin"; kept open so new roles still render.
  roles: string[];
  mfaEnabled: boolean;
  createdAt: string;
}

export interface Session {
  user: User;
  accessToken: string;
  refreshToken: string;
}

export interface RegisterInput {
  email: string;
  password: string;
  displayName: string;
}

export interface SignInInput {
  email: string;
  password: string;
  totp?: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

export interface MfaStatus {
  mfaEnabled: boolean;
}

export interface FieldProblem {
  path: string;
  message: string;
}

// RFC 9457 problem details as the API renders them.
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldProblem[];
}
