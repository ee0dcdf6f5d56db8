import { CAPTION_MARKERS, CAPTION_MAX_CHARS } from "../config.js";
import { foldSpacedNames } from "./byline.js";
import { charsAtMost, type KindRule } from "./types.js";

/** Photo credits that end a caption: （新华社记者 X 摄）, 本报记者 X摄, X 摄, 新华社发. */
const PHOTO_CREDITS: RegExp[] = [
  /[（(][^（()）]{0,30}(?:摄|供图|制图|资料图片)[)）]$/,
  /(?:记者|通讯员|摄影)[：:\s]*[\p{Script=Han}·]{2,6}(?:\s*[、，,\s]\s*[\p{Script=Han}·]{2,6})*\s*摄$/u,
  /(?:^|\s)[\p{Script=Han}·]{2,6}\s*摄$/u,
  /[\p{Script=Han}]{2,4}\s+摄$/u,
  /(?:新华社|本报|中新社)发(?:[（(][^)）]*[)）])?$/,
  /(?:资料图片|视觉中国|供图)[)）]?$/,
];

/** Every photo credit above ends in one of these: a cheap gate before the patterns. */
const CREDIT_ENDINGS = /[摄发图片国）)]$/;

export const caption: KindRule = {
  kind: "caption",
  why: "a photo caption: opened by ▲ or 图为, or closed by a photo credit",
  test: ({ text }) =>
    charsAtMost(text, CAPTION_MAX_CHARS) &&
    (CAPTION_MARKERS.test(text) || (CREDIT_ENDINGS.test(text) && PHOTO_CREDITS.some((p) => p.test(foldSpacedNames(text))))),
};

/** A line that is only a photo credit: 新华社记者 林 晨 摄, （周社根 摄）, 新华社发. */
const CREDIT_ONLY = /^[（(]?(?:(?:新华社|本报|人民日报|中新社)?(?:特约|驻[\p{Script=Han}]{1,6})?(?:记者|通讯员|摄影|摄影记者)?[：:\s]*)?(?:[\p{Script=Han}·]{2,6}(?:\s*[、，,\s]\s*[\p{Script=Han}·]{2,6})*\s*摄|(?:新华社|本报|中新社)发)[)）]?$/u;

export function isPhotoCreditOnly(text: string): boolean {
  return CREDIT_ONLY.test(foldSpacedNames(text).trim());
}
