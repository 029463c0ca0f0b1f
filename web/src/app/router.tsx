// The app's routes: public pages, auth pages and the signed-in-only pages behind RequireAuth.
import { createBrowserRouter } from "react-router";
import { Layout } from "../components/layout";
import { RouteError } from "../components/route-error";
import { ProfilePage } from "../features/auth/profile-page";
import { RegisterPage } from "../features/auth/register-page";
import { RequireAuth } from "../features/auth/require-auth";
import { SignInPage } from "../features/auth/sign-in-page";
import { HomePage } from "../features/home/home-page";
import { NotFoundPage } from "../features/home/not-found-page";

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
          { element: <RequireAuth />, children: [{ path: "profile", element: <ProfilePage /> }] },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
