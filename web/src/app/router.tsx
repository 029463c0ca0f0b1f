// The app's routes: public pages, auth pages, the catalog, search and auctions, and the signed-in-only pages (orders, wallet, crowdship, admin) behind RequireAuth.
import { createBrowserRouter, Navigate } from "react-router";
import { Layout } from "../components/layout";
import { RouteError } from "../components/route-error";
import { RequireAdmin } from "../features/admin/require-admin";
import { MyBidsPage } from "../features/auctions/my-bids-page";
import { ProfilePage } from "../features/auth/profile-page";
import { RegisterPage } from "../features/auth/register-page";
import { RequireAuth } from "../features/auth/require-auth";
import { SignInPage } from "../features/auth/sign-in-page";
import { BrowsePage } from "../features/catalog/browse-page";
import { CategoryPage } from "../features/catalog/category-page";
import { EditListingPage } from "../features/catalog/edit-listing-page";
import { ListingPage } from "../features/catalog/listing-page";
import { MyListingsPage } from "../features/catalog/my-listings-page";
import { SellPage } from "../features/catalog/sell-page";
import { HomePage } from "../features/home/home-page";
import { NotFoundPage } from "../features/home/not-found-page";
import { MyOrdersPage } from "../features/orders/my-orders-page";
import { OrderPage } from "../features/orders/order-page";
import { SearchPage } from "../features/search/search-page";

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      {
        // Inside the layout so a failing page still shows the header and footer.
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "register", element: <RegisterPage /> },
          { path: "sign-in", element: <SignInPage /> },
          { path: "browse", element: <BrowsePage /> },
          { path: "c/:categoryId", element: <CategoryPage /> },
          { path: "search", element: <SearchPage /> },
          { path: "listings/:id", element: <ListingPage /> },
          {
            element: <RequireAuth />,
            children: [
              { path: "profile", element: <ProfilePage /> },
              { path: "sell", element: <SellPage /> },
              { path: "listings/:id/edit", element: <EditListingPage /> },
              { path: "me/listings", element: <MyListingsPage /> },
              { path: "me/bids", element: <MyBidsPage /> },
              { path: "me/orders", element: <MyOrdersPage /> },
              { path: "orders/:id", element: <OrderPage /> },
              // Pages few visits need (checkout, wallet, crowdship, admin) load on first visit, so the marketplace's first load does not carry them.
              { path: "orders/:id/checkout", lazy: async () => ({ Component: (await import("../features/checkout/checkout-page")).CheckoutPage }) },
              { path: "wallet", lazy: async () => ({ Component: (await import("../features/wallet/wallet-page")).WalletPage }) },
                            { path: "crowdship", lazy: async () => ({ Component: (await import("../features/crowdship/crowdship-page")).CrowdshipPage }) },
              { path: "crowdship/trips", lazy: async () => ({ Component: (await import("../features/crowdship/traveler-page")).TravelerPage }) },
              { path: "crowdship/requests/new", lazy: async () => ({ Component: (await import("../features/crowdship/new-request-page")).NewRequestPage }) },
              { path: "crowdship/requests/:id", lazy: async () => ({ Component: (await import("../features/crowdship/request-page")).RequestPage }) },
              { path: "shipments/:id", lazy: async () => ({ Component: (await import("../features/crowdship/shipment-page")).ShipmentPage }) },
              {
                path: "admin",
                element: <RequireAdmin />,
                children: [
                  { index: true, element: <Navigate to="/admin/disputes" replace /> },
                  { path: "disputes", lazy: async () => ({ Component: (await import("../features/admin/admin-disputes-page")).AdminDisputesPage }) },
                  { path: "disputes/:orderId", lazy: async () => ({ Component: (await import("../features/admin/admin-dispute-page")).AdminDisputePage }) },
                  { path: "reviews", lazy: async () => ({ Component: (await import("../features/admin/admin-reviews-page")).AdminReviewsPage }) },
                ],
              },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
