import type { AppRouter } from "@duty/api";
import { MAX_BATCH_SIZE } from "@duty/api/limits";
import { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

export const queryClient = new QueryClient({
  defaultOptions: {
    // Lists change only on import: a minute of freshness spares the server on every page switch.
    queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 },
  },
});

/**
 * The CSRF token of the signed-in session (auth.me gives it to this page only; the session cookie
 * itself is httpOnly). Sent with every request, and required by the server on every change.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const headers = () => (csrfToken ? { "x-atlas-csrf": csrfToken } : {});

/** Same origin as the page: apps/server serves both /trpc and the built dashboard (vite proxies in dev). */
export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // A change goes alone: an upload carries a whole document, and its answer should not wait for others.
      condition: (op) => op.type === "mutation",
      true: httpLink({ url: "/trpc", headers }),
      // Batched GETs carry every input in the URL; Chinese text triples in length when encoded, so split
      // early. The server refuses a batch of more than MAX_BATCH_SIZE calls, so never send one.
      false: httpBatchLink({ url: "/trpc", maxURLLength: 2000, maxItems: MAX_BATCH_SIZE, headers }),
    }),
  ],
});

export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
