import http from "node:http";

/**
 * A POST on a connection of its own (no keep-alive pool). fetch reuses idle connections; building
 * a 20 MB body blocks the event loop for seconds on a loaded machine, and the server's keep-alive
 * timer then closes the reused connection while the body is being written: ECONNRESET, a failure
 * of the test's client, not of the server.
 */
export function postOnce(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; setCookie: string | null; text: string }> {
  return new Promise((done, fail) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          done({
            status: res.statusCode ?? 0,
            setCookie: res.headers["set-cookie"]?.join(", ") ?? null,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", fail);
      },
    );
    req.on("error", fail);
    req.end(body);
  });
}
