// The page for addresses the app does not know.
import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <section className="card narrow" aria-labelledby="not-found-title">
      <title>Page not found · Mnbara</title>
      <h1 id="not-found-title">Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
