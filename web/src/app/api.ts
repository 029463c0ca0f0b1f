// The app's one API client, wired to the Redux session and the stored refresh token.
import { createApiClient } from "../api/client";
import { sessionStarted, signedOut } from "../features/auth/auth-slice";
import { refreshTokenStorage } from "../features/auth/refresh-token-storage";
import { store } from "./store";

export const api = createApiClient({
  accessToken: () => store.getState().auth.accessToken,
  refreshToken: refreshTokenStorage.read,
  started(session) {
    refreshTokenStorage.write(session.refreshToken);
    store.dispatch(sessionStarted(session));
  },
  ended() {
    refreshTokenStorage.clear();
    store.dispatch(signedOut());
  },
});
