// Guards the admin pages (inside RequireAuth): anyone without the admin role sees a plain refusal instead.
import { Link, NavLink, Outlet } from "react-router";
import { useAppSelector } from "../../app/store";
import { selectUser } from "../auth/auth-slice";

export function isAdmin(roles: readonly string[] | undefined): boolean {
  return roles?.includes("admin") ?? false;
}

export function RequireAdmin() {
  const user = useAppSelector(selectUser);
  if (!isAdmin(user?.roles)) {
    return (
      <section className="card narrow" aria-labelledby="admin-only-title">
        <title>Admins only · Mnbara</title>
        <h1 id="admin-only-title">Admins only</h1>
        <p>This page is for Mnbara's administrators.</p>
        <p>
          <Link to="/">Back to the home page</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="admin">
      <nav aria-label="Admin" className="tabs">
        {/* NavLink marks the section the admin is in with aria-current="page". */}
        <NavLink to="/admin/disputes" className="tab">
          Disputes
        </NavLink>
        <NavLink to="/admin/reviews" className="tab">
          Fraud reviews
        </NavLink>
      </nav>
      <Outlet />
    </div>
  );
}
