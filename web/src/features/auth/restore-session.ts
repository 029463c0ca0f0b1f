// Resumes the session after a reload by exchanging the stored refresh token, once, at start-up.
import { api } from "../../app/api";
import { store } from "../../app/store";
import { refreshTokenStorage } from "./refresh-token-storage";
import { sessionRestoring, signedOut } from "./auth-slice";

export async function restoreSession(): Promise<void> {
  if (refreshTokenStorage.read() === null) return;
  store.dispatch(sessionRestoring());
  try {
    await api.refreshSession();
  } catch {
    // The API is unreachable: show the app signed out but keep the token so a later reload can resume.
    store.dispatch(signedOut());
  }
}
