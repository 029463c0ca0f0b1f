// Keeps the refresh token in localStorage so a reload (or a new tab) can resume the session.
const storageKey = "mnbara.refreshToken";

// Storage can be unavailable (blocked cookies, some private modes); the app then simply forgets on reload.
export const refreshTokenStorage = {
  read(): string | null {
    try {
      return localStorage.getItem(storageKey);
    } catch {
      return null;
    }
  },
  write(refreshToken: string): void {
    try {
      localStorage.setItem(storageKey, refreshToken);
    } catch {
      // See above: the in-memory session still works for this page.
    }
  },
  clear(): void {
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // Nothing stored, nothing to remove.
    }
  },
};
