import type { KindRule } from "./types.js";

export const numbered: KindRule = {
  kind: "numbered",
  why: "a numbered heading or item (一、 （一） 1. ①): heading or lead-in, decided by its length",
  test: ({ lines }) => lines[0]!.numbering !== null,
};
