// The signed-in session: who the user is and the short-lived access token (kept in memory only).
import { createSlice, type PayloadAction } from "@reduxjs/toolkit";
import type { Session, User } from "../../api/types";

// "restoring" while a stored refresh token is being exchanged at start-up.
type SessionStatus = "restoring" | "signedIn" | "signedOut";

interface AuthState {
  status: SessionStatus;
  user: User | null;
  accessToken: string | null;
}

const signedOutState: AuthState = { status: "signedOut", user: null, accessToken: null };

export const authSlice = createSlice({
  name: "auth",
  initialState: signedOutState,
  reducers: {
    sessionRestoring: (state) => {
      state.status = "restoring";
    },
    sessionStarted: (_state, action: PayloadAction<Session>) => ({
      status: "signedIn",
      user: action.payload.user,
      accessToken: action.payload.accessToken,
    }),
    userUpdated: (state, action: PayloadAction<User>) => {
      state.user = action.payload;
    },
    mfaChanged: (state, action: PayloadAction<boolean>) => {
      if (state.user !== null) state.user.mfaEnabled = action.payload;
    },
    signedOut: () => signedOutState,
  },
  selectors: {
    selectUser: (state) => state.user,
    selectSessionStatus: (state) => state.status,
  },
});

export const { sessionRestoring, sessionStarted, userUpdated, mfaChanged, signedOut } = authSlice.actions;
export const { selectUser, selectSessionStatus } = authSlice.selectors;
