#!/usr/bin/env node
// The `atlas` command: runs scripts/atlas.ts through tsx's loader, so there is no separate compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../scripts/atlas.ts");
process.exitCode = await main(process.argv.slice(2));
