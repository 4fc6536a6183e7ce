/** Plain HTTP calls to the tRPC endpoint (no transformer): what the test checks the drawing against. */
export async function query<T>(baseUrl: string, path: string, input?: unknown): Promise<T> {
  const url = `${baseUrl}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;
  const res = await fetch(url);
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !body.result) throw new Error(`${path}: HTTP ${res.status} ${body.error?.message ?? ""}`);
  return body.result.data;
}

export async function mutate<T>(baseUrl: string, path: string, input: unknown, adminToken: string): Promise<T> {
  const res = await fetch(`${baseUrl}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${adminToken}` },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  if (!res.ok || !body.result) throw new Error(`${path}: HTTP ${res.status} ${body.error?.message ?? ""}`);
  return body.result.data;
}
