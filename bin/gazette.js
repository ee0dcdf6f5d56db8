#!/usr/bin/env node
// The gazette command. The sources are TypeScript, loaded through tsx so that no build step can go stale.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
process.exitCode = main(process.argv.slice(2));
