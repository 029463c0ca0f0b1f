// Shown inside the layout when a page fails to render, instead of a blank screen.
import { Link } from "react-router";

export function RouteError() {
  return (
    <section className="card narrow" aria-labelledby="route-error-title">
      <title>Something went wrong · Mnbara</title>
      <h1 id="route-error-title">Something went wrong</h1>
      <p>This page could not be shown. Reloading usually helps.</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
