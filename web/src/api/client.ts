// Typed client for the Mnbara /v1 API: same-origin JSON, bearer auth, and one refresh-and-retry on a 401.
import { ApiError } from "./api-error";
import type { MfaStatus, RegisterInput, SelfServiceRole, Session, SignInInput, TotpSetup, User } from "./types";

// Where the session lives; the client reads and replaces tokens but does not own them.
export interface SessionStore {
  accessToken(): string | null;
  refreshToken(): string | null;
  started(session: Session): void;
  ended(): void;
}

interface Call {
  method: "GET" | "POST";
  path: string;
  body?: unknown;
}

const refreshLockName = "mnbara.refresh";

export function createApiClient(session: SessionStore) {
  // Refresh tokens rotate and a reused one revokes the whole family, so at most one refresh runs at a time.
  let refreshing: Promise<boolean> | null = null;

  async function send<T>(call: Call, accessToken: string | null = null): Promise<T> {
    const headers = new Headers({ Accept: "application/json, application/problem+json" });
    if (call.body !== undefined) headers.set("Content-Type", "application/json");
    if (accessToken !== null) headers.set("Authorization", `Bearer ${accessToken}`);
    let response: Response;
    try {
      response = await fetch(`/v1${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
    } catch {
      throw ApiError.network();
    }
    if (!response.ok) throw await ApiError.fromResponse(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  // True when a new session was obtained. A rejected refresh token ends the session; an outage does not.
  function refreshSession(): Promise<boolean> {
    refreshing ??= withRefreshLock(async () => {
      const refreshToken = session.refreshToken();
      if (refreshToken === null) {
        session.ended();
        return false;
      }
      try {
        session.started(await send<Session>({ method: "POST", path: "/auth/refresh", body: { refreshToken } }));
        return true;
      } catch (error) {
        if (error instanceof ApiError && isRejection(error)) {
          session.ended();
          return false;
        }
        throw error;
      }
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  /** Only a rejected token means the session needs renewing; a 401 such as INVALID_TOTP is the user's input. */
  const isTokenProblem = (error: unknown): error is ApiError =>
    error instanceof ApiError && error.status === 401 && (error.code === "INVALID_TOKEN" || error.code === "UNAUTHENTICATED");

  // `call` may be a function so a retried request is rebuilt with the tokens current at that moment.
  async function authed<T>(call: Call | (() => Call)): Promise<T> {
    const build = typeof call === "function" ? call : () => call;
    const usedToken = session.accessToken();
    try {
      return await send<T>(build(), usedToken);
    } catch (error) {
      if (!isTokenProblem(error)) throw error;
      // Another request may already have refreshed while this one was in flight.
      const renewed = session.accessToken() !== usedToken || (await refreshSession());
      if (!renewed) throw error;
    }
    try {
      return await send<T>(build(), session.accessToken());
    } catch (error) {
      if (isTokenProblem(error)) session.ended();
      throw error;
    }
  }

  async function startSession(path: string, body: RegisterInput | SignInInput): Promise<User> {
    const result = await send<Session>({ method: "POST", path, body });
    session.started(result);
    return result.user;
  }

  return {
    register: (input: RegisterInput) => startSession("/auth/register", input),
    signIn: (input: SignInInput) => startSession("/auth/login", input),
    refreshSession,

    // The local session ends even when the server cannot be told.
    async signOut(): Promise<void> {
      try {
        await authed<void>(() => {
          const refreshToken = session.refreshToken();
          return { method: "POST", path: "/auth/logout", body: refreshToken === null ? {} : { refreshToken } };
        });
      } catch {
        // Nothing for the user to act on: the tokens are dropped below either way.
      } finally {
        session.ended();
      }
    },

    me: () => authed<User>({ method: "GET", path: "/me" }),
    addRole: (role: SelfServiceRole) => authed<User>({ method: "POST", path: "/me/roles", body: { role } }),
    setUpTotp: () => authed<TotpSetup>({ method: "POST", path: "/auth/mfa/totp/setup", body: {} }),
    confirmTotp: (code: string) => authed<MfaStatus>({ method: "POST", path: "/auth/mfa/totp/confirm", body: { code } }),
    disableTotp: (code: string) => authed<MfaStatus>({ method: "POST", path: "/auth/mfa/totp/disable", body: { code } }),
  };
}

// 4xx means the server looked at the token and said no; 429 and 5xx are worth trying again later.
function isRejection(error: ApiError): boolean {
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

// Serializes refreshes across tabs too: each reads the refresh token only once it holds the lock.
async function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator === "undefined" || navigator.locks === undefined) return task();
  return await navigator.locks.request(refreshLockName, task);
}
