// Guards signed-in-only routes: waits for a session being restored, otherwise sends the user to sign in.
import { Navigate, Outlet, useLocation } from "react-router";
import { useAppSelector } from "../../app/store";
import { selectSessionStatus } from "./auth-slice";

export function RequireAuth() {
  const status = useAppSelector(selectSessionStatus);
  const location = useLocation();
  if (status === "restoring") {
    return (
      <p className="loading" role="status">
        Restoring your session…
      </p>
    );
  }
  if (status === "signedOut") {
    return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}
