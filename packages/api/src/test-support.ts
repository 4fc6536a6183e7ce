import type { Db } from "@duty/db";
import { type Context, createContext, type HttpRequestFacts, localContext } from "./context.ts";
import { createCaller } from "./router.ts";

/*
 * For this package's tests: accounts made the way an administrator makes them (through the users
 * router, as the command line), and requests that carry a session cookie the way a browser sends it.
 */

/** Makes an account through the router as the command line would; returns its password. */
export async function addUser(db: Db, name: string, role: "viewer" | "editor" | "admin", regions: number[] = []): Promise<string> {
  const password = `${name}-password-1`;
  await createCaller(localContext(db)).users.add({ name, role, password, ...(regions.length > 0 ? { regions } : {}) });
  return password;
}

/** A browser's sign-in: the cookie the server set and the CSRF token the page was given. */
export interface SignedIn {
  cookie: string;
  setCookie: string;
  csrf: string;
  /** The context of a later request with the cookie; `csrf: false` leaves the header out (a forged request). */
  context(options?: { csrf?: boolean | string } & Omit<Partial<HttpRequestFacts>, "csrf">): Promise<Context>;
}

export async function signIn(db: Db, name: string, password: string, ip = "198.51.100.7"): Promise<SignedIn> {
  const cookies: string[] = [];
  const anonymous = await createContext({ db, ip, host: "atlas.test", setCookie: (c) => cookies.push(c) });
  const me = await createCaller(anonymous).auth.login({ name, password });
  const setCookie = cookies[0]!;
  const cookie = setCookie.split(";")[0]!;
  return {
    cookie,
    setCookie,
    csrf: me.csrfToken!,
    context: ({ csrf = true, ...facts } = {}) =>
      createContext({
        db,
        ip,
        host: "atlas.test",
        cookie,
        csrf: csrf === true ? me.csrfToken! : csrf === false ? undefined : csrf,
        ...facts,
      }),
  };
}

/** Region ids by name, for assigning an editor a county. */
export async function regionId(db: Db, name: string): Promise<number> {
  return (await db.selectFrom("regions").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
}
