import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.tsx";
import { queryClient } from "./trpc.ts";
import { prefetchPage } from "./prefetch.ts";
import "./styles.css";

// Before React starts, the first page's code and answers start loading, and React waits for the code:
// a page that suspends on its first render is revealed no sooner than 300 ms after its fallback
// (React throttles fallbacks), which held the national overview's first chart back ~300 ms.
// In a task of its own: evaluating the app's code and asking for the page took ~170 ms as one task
// on the 2-core bench machine (scripts/long-tasks.ts), two tasks of under 100 ms each apart.
setTimeout(() => {
  void prefetchPage(new URLSearchParams(window.location.search)).then(() => {
    return createRoot(document.getElementById("root")!).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </StrictMode>,
    );
  });
}, 0);
