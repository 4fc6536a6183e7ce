import net from "node:net";
import { describe, expect, it } from "vitest";
import { connect, CONNECT_TIMEOUT_MS } from "./connect.ts";
import { DatabaseBusy, isDatabaseBusy, isDatabaseUnavailable } from "./unavailable.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("recognises a refused, lost or shutting-down server, also when wrapped", () => {
    const refused = new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], "");
    for (const error of [
      refused,
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("the database system is starting up", "57P03"),
      withCode("connection failure", "08006"),
      new Error("Connection terminated unexpectedly"),
      new Error("Query read timeout"),
      new Error("wrapped", { cause: withCode("read ECONNRESET", "ECONNRESET") }),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
    }
  });

  it("leaves query errors and a closed handle to be reported as the bugs they are", () => {
    for (const error of [
      withCode('syntax error at or near "selec"', "42601"),
      withCode("duplicate key value violates unique constraint", "23505"),
      new Error("Cannot use a pool after calling end on the pool"),
      "ECONNREFUSED",
      null,
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });

  it("tells a busy database from an unreachable one", () => {
    const busy = [
      new Error("timeout exceeded when trying to connect"),
      withCode("canceling statement due to statement timeout", "57014"),
      new DatabaseBusy("queue full"),
      new Error("wrapped", { cause: new DatabaseBusy("queue full") }),
    ];
    for (const error of busy) {
      expect(isDatabaseBusy(error), error.message).toBe(true);
      expect(isDatabaseUnavailable(error), error.message).toBe(false);
    }
    expect(isDatabaseBusy(withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED"))).toBe(false);
    expect(isDatabaseBusy(withCode('syntax error at or near "selec"', "42601"))).toBe(false);
  });

  it("is what connect() throws for a server that accepts but never answers, within the connect timeout", async () => {
    // A port that takes the TCP connection and then says nothing, like a hung server or a half-cut network.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((ready) => silent.listen(0, "127.0.0.1", ready));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const began = performance.now();
      const error = await connect({ databaseUrl: `postgres://atlas@127.0.0.1:${port}/none` }).catch((e: unknown) => e);
      const waited = performance.now() - began;
      expect(String(error)).toContain("cannot connect");
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(waited).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 100);
      // One attempt, not a retry loop: well under two timeouts (a loaded CI machine can fire the timer late).
      expect(waited).toBeLessThan(2 * CONNECT_TIMEOUT_MS);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
