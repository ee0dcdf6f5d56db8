import { AUTHOR_NOTE } from "../config.js";
import { charsAtMost, type KindRule } from "./types.js";

export const authorNote: KindRule = {
  kind: "authorNote",
  why: "（作者为…）, （作者系…）, （作者单位：…） close an opinion piece",
  test: ({ text }) => charsAtMost(text, 160) && AUTHOR_NOTE.test(text),
};
