// The top bar: brand, the search box, main navigation, and the account controls for the current session.
import { useState } from "react";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { api } from "../app/api";
import { useAppSelector } from "../app/store";
import { selectSessionStatus, selectUser } from "../features/auth/auth-slice";
import { HeaderSearch } from "../features/search/header-search";

export function SiteHeader() {
  const status = useAppSelector(selectSessionStatus);
  const user = useAppSelector(selectUser);
  const navigate = useNavigate();
  const location = useLocation();
  const [signingOut, setSigningOut] = useState(false);

  async function signOut(): Promise<void> {
    setSigningOut(true);
    // Leave any signed-in-only page first so it does not bounce to the sign-in page.
    await navigate("/");
    await api.signOut();
    setSigningOut(false);
  }

  return (
    <header className="site-header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            M
          </span>
          Mnbara
        </Link>
        <HeaderSearch />
        <nav aria-label="Main" className="nav nav-main">
          <NavLink to="/browse" className={({ isActive }) => `nav-link${isActive || location.pathname.startsWith("/c/") ? " active" : ""}`}>
            Browse
          </NavLink>
          <NavLink to="/sell" className="nav-link">
            Sell
          </NavLink>
          {user !== null && (
            <>
              <NavLink to="/me/bids" className="nav-link">
                My bids
              </NavLink>
              <NavLink to="/me/listings" className="nav-link">
                My listings
              </NavLink>
              <NavLink to="/me/orders" className={({ isActive }) => `nav-link${isActive || location.pathname.startsWith("/orders/") ? " active" : ""}`}>
                Orders
              </NavLink>
              <NavLink to="/wallet" className="nav-link">
                Wallet
              </NavLink>
              <NavLink
                to="/crowdship"
                className={({ isActive }) => `nav-link${isActive || location.pathname.startsWith("/shipments/") ? " active" : ""}`}
              >
                Crowdship
              </NavLink>
              {user.roles.includes("admin") && (
                <NavLink to="/admin" className="nav-link">
                  Admin
                </NavLink>
              )}
            </>
          )}
        </nav>
        <nav aria-label="Account" className="nav nav-account">
          {status === "signedOut" && (
            <>
              <NavLink to="/sign-in" className="nav-link">
                Sign in
              </NavLink>
              <NavLink to="/register" className="nav-link nav-link-primary">
                Register
              </NavLink>
            </>
          )}
          {user !== null && (
            <>
              <NavLink to="/profile" className="nav-link nav-user">
                {user.displayName}
              </NavLink>
              <button type="button" className="button button-secondary button-small" onClick={() => void signOut()} disabled={signingOut}>
                Sign out
              </button>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
