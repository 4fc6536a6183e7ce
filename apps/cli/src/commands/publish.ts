import { statusCommand } from "./status-change.ts";

export const publish = statusCommand("publish");
