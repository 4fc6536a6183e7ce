import type { TestProject } from "vitest/node";
import { buildIfStale, startAtlas } from "./server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    atlasUrl: string;
    adminToken: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  buildIfStale();
  const atlas = await startAtlas();
  project.provide("atlasUrl", atlas.url);
  project.provide("adminToken", atlas.adminToken);
  return () => atlas.stop();
}
