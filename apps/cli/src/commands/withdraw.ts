import { statusCommand } from "./status-change.ts";

export const withdraw = statusCommand("withdraw");
