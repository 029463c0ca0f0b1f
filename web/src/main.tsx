// Entry point: starts restoring any saved session, then renders the app with its store and router.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Provider } from "react-redux";
import { RouterProvider } from "react-router/dom";
import { router } from "./app/router";
import { store } from "./app/store";
import { restoreSession } from "./features/auth/restore-session";
import "./styles.css";

// Started here rather than in an effect so it runs exactly once: refresh tokens are single use.
void restoreSession();

const container = document.getElementById("root");
if (container === null) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>
  </StrictMode>,
);
