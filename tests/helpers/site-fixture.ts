// A content folder for the site tests: the sample archive plus a paper of hostile text and broken
// files (markup and template syntax in page text, bad sidecar keys, an impossible date, a symlink out).
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const HOSTILE_HEADLINE = "新公园<script>x</script>开放";

export function makeContent(): string {
  const root = mkdtempSync(join(tmpdir(), "gazette-site-"));
  const content = join(root, "content");
  cpSync("content", content, { recursive: true });
  const evil = join(content, "evil");
  mkdirSync(join(evil, "2022", "12", "31"), { recursive: true });
  writeFileSync(join(evil, "paper.yml"), `name: "<script>alert('paper')</script>恶意晚报"\nlang: zh-CN\ntimezone: Asia/Shanghai\ncolour: red\n`);
  writeFileSync(
    join(evil, "2022", "12", "31", "01.txt"),
    [
      HOSTILE_HEADLINE,
      "",
      "□本报记者周敏",
      "",
      "近日，市区新建公园<img src=x onerror=alert(1)>正式开放，正文里有</script><script>alert(2)</script>和{{ 7*7 }}、{% raw %}模板{% endraw %}语法，还有&amp;实体。",
      "",
      "市民纷纷前来游玩，<b>坏人</b>也来了。",
      "",
    ].join("\n"),
  );
  writeFileSync(join(evil, "2022", "12", "31", "01.yml"), "name: 第一版\neditor: [甲, 乙]\nunknown_key: 1\ndate_estimated: maybe\n");
  writeFileSync(
    join(evil, "2022", "12", "31", "note.md"),
    "---\nheadline: 编辑的话<script>\npage: 1\n---\n<script>alert(3)</script>\n\n[链接](javascript:alert(4)) 正文。\n\n![外链图片](https://example.com/x.png)\n",
  );
  mkdirSync(join(evil, "2023", "02", "30"), { recursive: true });
  writeFileSync(join(evil, "2023", "02", "30", "01.txt"), "不可能的日期\n");
  writeFileSync(join(evil, "2022", "12", "31", "page-two.txt"), "名字不对的文件\n");
  symlinkSync("/etc", join(evil, "2021"));
  return content;
}
