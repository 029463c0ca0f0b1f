// The page frame every route renders inside: skip link, header, main content and footer.
import { Outlet } from "react-router";
import { SiteHeader } from "./site-header";

export function Layout() {
  return (
    <div className="page">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" className="main container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p>Mnbara: a marketplace, live auctions and crowdshipping by travellers.</p>
          {/* Served by the Worker, not by this app, so a plain link and not a router link. */}
          <a href="/v1/docs">API reference</a>
        </div>
      </footer>
    </div>
  );
}
