import { DATELINE, DATELINE_HEAD } from "../config.js";
import type { KindRule } from "./types.js";

export const dateline: KindRule = {
  kind: "dateline",
  why: "a news paragraph opening with its 电头 (新华社北京1月12日电, 本报讯)",
  test: ({ text }) => DATELINE.test(text) || DATELINE_HEAD.test(text),
};
