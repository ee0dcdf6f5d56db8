// Facsimiles and photos: the sharp pipeline over fixtures drawn by sharp at test time (EXIF rotation,
// CMYK, 16-bit, truncated, corrupt, 40 megapixels), its content-hash cache, and a built site in which
// photos meet their captions, the sidecar overrides the order, zones open the right articles and the
// bad files give their warnings while the build completes.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { processImages, PROFILES } from "../../src/site/images.ts";

const root = mkdtempSync(join(tmpdir(), "gazette-img-"));
const fx = join(root, "fixtures");
mkdirSync(fx, { recursive: true });

/** A picture with shapes (so that it is not trivially compressible), w × h, 3 channels. */
function drawing(w: number, h: number, colour = "#6a8") {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="${colour}"/><circle cx="${w / 2}" cy="${h / 2}" r="${Math.min(w, h) / 3}" fill="#c33"/><rect x="${w / 10}" y="${h / 10}" width="${w / 5}" height="${h / 8}" fill="#224"/></svg>`;
  return sharp(Buffer.from(svg));
}

/** A one-page PDF, 300 × 450 pt, a red band at its top: written by hand, offsets and all. */
function tinyPdf(): Buffer {
  const content = "0.8 0 0 rg 20 380 260 50 re f\n0.3 g 20 40 260 300 re f\n";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 450] /Contents 4 0 R /Resources << >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}endstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

async function makeFixtures() {
  const f = (n: string) => join(fx, n);
  // Stored landscape 1200×800 with EXIF orientation 6: shown upright as 800×1200. Carries GPS-like EXIF to strip.
  writeFileSync(f("rotated.jpg"), await drawing(1200, 800).jpeg().withMetadata({ orientation: 6, exif: { IFD0: { Copyright: "secret-exif-marker" } } }).toBuffer());
  const whole = await drawing(1200, 800).jpeg().toBuffer();
  writeFileSync(f("truncated.jpg"), whole.subarray(0, Math.floor(whole.length * 0.6)));
  writeFileSync(f("corrupt.jpg"), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("not really a jpeg, just some bytes")]));
  writeFileSync(f("cmyk.jpg"), await drawing(900, 600).toColourspace("cmyk").jpeg().toBuffer());
  writeFileSync(f("deep.png"), await drawing(900, 600).toColourspace("rgb16").png().toBuffer());
  // 40 megapixels (7746 × 5164), flat so that it is quick to make.
  writeFileSync(f("huge.jpg"), await sharp({ create: { width: 7746, height: 5164, channels: 3, background: "#8a8a80" } }).jpeg({ quality: 60 }).toBuffer());
  writeFileSync(f("small.webp"), await drawing(300, 200).webp().toBuffer());
  writeFileSync(f("page.tif"), await drawing(1000, 1500, "#f4f0e6").tiff().toBuffer());
  writeFileSync(f("page.pdf"), tinyPdf());
}

after(() => rmSync(root, { recursive: true, force: true }));

describe("the sharp pipeline", () => {
  let result: Awaited<ReturnType<typeof processImages>>;
  const cache = join(root, "cache");
  const names = ["rotated.jpg", "truncated.jpg", "corrupt.jpg", "cmyk.jpg", "deep.png", "huge.jpg", "small.webp"];
  before(async () => {
    await makeFixtures();
    result = await processImages(
      names.map((n) => ({ from: join(fx, n), file: `content/x/${n}`, kind: "photo" as const })),
      { cache },
    );
  });
  const get = (n: string) => result.get("photo", join(fx, n));
  const fileOf = (n: string, name: string) => {
    const r = get(n)!;
    return join(cache, r.key.slice(0, 2), r.key, name);
  };

  it("writes AVIF, WebP and JPEG at the profile's widths, never wider than the original", async () => {
    const r = get("cmyk.jpg")!;
    assert.equal(r.width, 900);
    assert.equal(r.height, 600);
    const widths = [...new Set(r.variants.map((v) => v.width))];
    assert.deepEqual(widths, [...PROFILES.photo.widths.filter((w) => w < 900), 900]);
    for (const w of widths) assert.deepEqual(r.variants.filter((v) => v.width === w).map((v) => v.format).sort(), ["avif", "jpeg", "webp"]);
    for (const v of r.variants) {
      const m = await sharp(fileOf("cmyk.jpg", v.file)).metadata();
      assert.equal(m.format, v.format === "avif" ? "heif" : v.format);
      assert.equal(m.width, v.width);
      assert.equal(m.height, v.height);
    }
    assert.match(r.sources[0]!.srcset, /320\.avif 320w, .*900\.avif 900w$/);
    assert.match(r.srcset, /\.jpg 320w/);
    const small = get("small.webp")!;
    assert.deepEqual([...new Set(small.variants.map((v) => v.width))], [300]);
  });

  it("honours EXIF orientation, strips metadata and writes sRGB", async () => {
    const r = get("rotated.jpg")!;
    assert.equal(r.width, 800);
    assert.equal(r.height, 1200);
    for (const v of r.variants.filter((v) => v.format !== "avif")) {
      const bytes = readFileSync(fileOf("rotated.jpg", v.file));
      const m = await sharp(bytes).metadata();
      assert.equal(m.orientation, undefined, v.file);
      assert.equal(m.exif, undefined, v.file);
      assert.ok(!bytes.includes("secret-exif-marker"), v.file);
      assert.equal(m.space, "srgb", v.file);
      assert.ok(m.height! > m.width!, v.file);
    }
  });

  it("converts CMYK to sRGB and 16-bit to 8-bit, with a note", async () => {
    for (const n of ["cmyk.jpg", "deep.png"]) {
      const r = get(n)!;
      assert.ok(r, n);
      const m = await sharp(fileOf(n, r.variants.find((v) => v.format === "jpeg")!.file)).metadata();
      assert.equal(m.space, "srgb", n);
      assert.equal(m.channels, 3, n);
      assert.equal(m.depth, "uchar", n);
    }
    assert.ok(result.warnings.some((w) => w.file.endsWith("cmyk.jpg") && /CMYK/.test(w.message)));
    assert.ok(result.warnings.some((w) => w.file.endsWith("deep.png") && /8 bits/.test(w.message)));
  });

  it("shows what it can of a truncated file, leaves out a corrupt one, each with a warning naming the file", () => {
    assert.ok(get("truncated.jpg"));
    const t = result.warnings.find((w) => w.file === "content/x/truncated.jpg");
    assert.equal(t?.severity, "warning");
    assert.equal(t?.code, "image-damaged");
    assert.equal(get("corrupt.jpg"), null);
    const c = result.warnings.find((w) => w.file === "content/x/corrupt.jpg");
    assert.equal(c?.severity, "warning");
    assert.equal(c?.code, "image-unreadable");
  });

  it("processes a 40-megapixel scan down to the largest width", () => {
    const r = get("huge.jpg")!;
    assert.ok(r);
    assert.equal(r.original.width, 7746);
    assert.equal(r.width, PROFILES.photo.widths.at(-1));
    assert.ok(result.warnings.some((w) => w.file.endsWith("huge.jpg") && /40 megapixels/.test(w.message)));
  });

  it("rasterises a PDF facsimile with pdftoppm where Debian's poppler-utils is installed, and says so where not", async () => {
    const r = await processImages([{ from: join(fx, "page.pdf"), file: "content/x/01.pdf", kind: "facsimile" }], { cache });
    const { spawnSync } = await import("node:child_process");
    if (spawnSync("pdftoppm", ["-v"]).status === 0) {
      const img = r.get("facsimile", join(fx, "page.pdf"))!;
      assert.ok(img, JSON.stringify(r.warnings));
      // 300 × 450 pt at 150 dpi.
      assert.equal(img.original.width, 625);
      assert.equal(img.original.height, 938);
      const jpg = img.variants.find((v) => v.format === "jpeg" && v.width === 240)!;
      const { data } = await sharp(join(cache, img.key.slice(0, 2), img.key, jpg.file)).raw().toBuffer({ resolveWithObject: true });
      // The red band at the top of the page survives.
      const at = (x: number, y: number) => [...data.subarray((y * 240 + x) * 3, (y * 240 + x) * 3 + 3)];
      const [red, green] = at(120, 30);
      assert.ok(red! > 150 && green! < 80, `top pixel ${at(120, 30)}`);
    } else {
      assert.equal(r.get("facsimile", join(fx, "page.pdf")), null);
      assert.ok(r.warnings.some((w) => w.code === "pdf-no-renderer" && w.file === "content/x/01.pdf"));
    }
  });

  it("never processes an unchanged image twice: the content-hash cache answers across builds", async () => {
    const jobs = names.map((n) => ({ from: join(fx, n), file: `content/x/${n}`, kind: "photo" as const }));
    // The in-process memo is per key; a copy of the files under another name is found by content in the disk cache.
    const copy = join(root, "copy");
    mkdirSync(copy);
    for (const n of names) cpSync(join(fx, n), join(copy, n));
    const again = await processImages(jobs.map((j) => ({ ...j, from: j.from.replace(fx, copy) })), { cache });
    assert.equal(again.stats.processed, 0);
    assert.equal(get("cmyk.jpg")!.key, again.get("photo", join(copy, "cmyk.jpg"))!.key);
    // A fresh process finds the renditions on disk (a child process with the same cache).
    const { spawnSync } = await import("node:child_process");
    const script = `import { processImages } from ${JSON.stringify(join(process.cwd(), "src/site/images.ts"))};
const r = await processImages([{ from: ${JSON.stringify(join(fx, "cmyk.jpg"))}, file: "x", kind: "photo" }], { cache: ${JSON.stringify(cache)} });
console.log(JSON.stringify(r.stats));`;
    const p = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(p.status, 0, p.stderr);
    assert.deepEqual(JSON.parse(p.stdout.trim().split("\n").pop()!), { processed: 0, cached: 1 });
    // A changed file is processed again.
    writeFileSync(join(copy, "cmyk.jpg"), await drawing(900, 600, "#123").jpeg().toBuffer());
    const changed = await processImages([{ from: join(copy, "cmyk.jpg"), file: "x", kind: "photo" }], { cache });
    assert.equal(changed.stats.processed, 1);
  });
});

describe("a built site with photos, a facsimile, zones and bad images", () => {
  let out = "";
  let content = "";
  const read = (rel: string) => readFileSync(join(out, rel), "utf8");
  const PAGE = [
    "标题一号新闻来了",
    "",
    "□本报记者张三",
    "",
    "正文第一段内容，讲述了一件事情。今天天气很好，大家都出门了。",
    "",
    "▲第一张照片的说明文字。",
    "",
    "▲第二张照片的说明文字。",
    "",
    "▲第三张照片的说明文字。",
    "",
  ].join("\n");
  const day = () => join(content, "pics", "2024", "03", "05");

  before(async () => {
    if (!existsSync(join(fx, "cmyk.jpg"))) await makeFixtures();
    const base = mkdtempSync(join(root, "site-"));
    content = join(base, "content");
    mkdirSync(day(), { recursive: true });
    writeFileSync(join(content, "site.yml"), "title: 测试\nurl: https://example.org\n");
    writeFileSync(join(content, "pics", "paper.yml"), "name: 图片日报\nlang: zh-CN\ntimezone: Asia/Shanghai\n");
    // Page 1: three captions, four photos (one too many), the sidecar puts c.png first; a facsimile with zones.
    writeFileSync(join(day(), "01.txt"), PAGE);
    mkdirSync(join(day(), "01"));
    cpSync(join(fx, "rotated.jpg"), join(day(), "01", "a.jpg"));
    cpSync(join(fx, "small.webp"), join(day(), "01", "b.webp"));
    cpSync(join(fx, "deep.png"), join(day(), "01", "c.png"));
    cpSync(join(fx, "cmyk.jpg"), join(day(), "01", "d.jpg"));
    cpSync(join(fx, "page.tif"), join(day(), "01.tif"));
    writeFileSync(
      join(day(), "01.yml"),
      ["name: 要闻", "photos:", "  - file: 01/c.png", "    caption: 7", "zones:", "  - article: 标题一号新闻来了", "    rect: [100, 150, 800, 600]", "  - article: 没有这篇", "    rect: [0, 0, 10, 10]", ""].join("\n"),
    );
    // Page 2: the bad files, in order against five captions; the corrupt one leaves its caption without a photo.
    writeFileSync(join(day(), "02.txt"), PAGE.replace("标题一号新闻来了", "第二版的新闻标题").replace("▲第三张照片的说明文字。", "▲第三张照片的说明文字。\n\n▲第四张照片的说明文字。\n\n▲第五张照片的说明文字。"));
    mkdirSync(join(day(), "02"));
    cpSync(join(fx, "corrupt.jpg"), join(day(), "02", "1-corrupt.jpg"));
    cpSync(join(fx, "truncated.jpg"), join(day(), "02", "2-truncated.jpg"));
    cpSync(join(fx, "cmyk.jpg"), join(day(), "02", "3-cmyk.jpg"));
    cpSync(join(fx, "deep.png"), join(day(), "02", "4-deep.png"));
    cpSync(join(fx, "huge.jpg"), join(day(), "02", "5-huge.jpg"));
    // Page 3: a caption and no photo folder at all (no warning), and a PDF facsimile.
    writeFileSync(join(day(), "03.txt"), PAGE.replace("标题一号新闻来了", "第三版的新闻标题"));
    writeFileSync(join(day(), "03.pdf"), "%PDF-1.4 broken\n");
    // A facsimile of a page that does not exist.
    cpSync(join(fx, "small.webp"), join(day(), "04.webp"));

    process.env.GAZETTE_CONTENT = content;
    process.env.GAZETTE_QUIET = "1";
    process.env.GAZETTE_IMAGE_CACHE = join(root, "site-cache");
    const { build } = await import("../../scripts/build.ts");
    out = join(base, "out");
    await build(out, { quiet: true });
  });

  const articleHtml = (headline: string) => {
    const rec = read("export/records.jsonl")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((r) => r.headline.text === headline);
    assert.ok(rec, headline);
    return { rec, html: read(`${rec.url}index.html`) };
  };

  it("renders every caption that has a photo as a figure with its figcaption and alt text, in the sidecar's order", () => {
    const { html } = articleHtml("标题一号新闻来了");
    const figures = [...html.matchAll(/<figure class="photo"><picture>(.*?)<\/picture><figcaption>([^<]*)<\/figcaption><\/figure>/g)];
    assert.equal(figures.length, 3);
    figures.forEach((f, i) => {
      assert.equal(f[2], `▲第${"一二三"[i]}张照片的说明文字。`);
      assert.match(f[1]!, new RegExp(`alt="第${"一二三"[i]}张照片的说明文字。"`));
      assert.match(f[1]!, /<source type="image\/avif" srcset="[^"]+\.avif \d+w/);
      assert.match(f[1]!, /<source type="image\/webp" srcset="[^"]+\.webp \d+w/);
      assert.match(f[1]!, /<img src="\/img\/[0-9a-f]+\/\d+\.jpg" srcset="[^"]+" sizes="[^"]+" alt="[^"]+" width="\d+" height="\d+" loading="lazy"/);
    });
    // The sidecar gave c.png (900×600) to the first caption; then a.jpg (upright 800×1200), then b.webp (300×200).
    assert.match(figures[0]![1]!, /width="900" height="600"/);
    assert.match(figures[1]![1]!, /width="800" height="1200"/);
    assert.match(figures[2]![1]!, /width="300" height="200"/);
    // The first photo is the social-card image.
    const og = /<meta property="og:image" content="https:\/\/example.org(\/img\/[^"]+)">/.exec(html);
    assert.ok(og);
    assert.ok(figures[0]![1]!.includes(og[1]!.replace(/\d+\.jpg$/, "")));
    // Every rendition named exists in the output.
    for (const m of html.matchAll(/\/img\/[0-9a-f]+\/\d+\.(?:avif|webp|jpg)/g)) assert.ok(existsSync(join(out, m[0])), m[0]);
  });

  it("shows the facsimile beside the articles, its zones opening the right articles, and thumbnails in the issue", () => {
    const html = read("pics/2024/03/05/01/index.html");
    const { rec } = articleHtml("标题一号新闻来了");
    assert.match(html, /<div class="zoom" data-zoom tabindex="0"/);
    const zones = [...html.matchAll(/<a class="zone" href="([^"]+)" style="([^"]+)" data-article="([^"]+)">/g)];
    assert.equal(zones.length, 1);
    assert.equal(zones[0]![1], rec.url);
    assert.equal(zones[0]![3], rec.id);
    assert.equal(zones[0]![2], "left:10%;top:10%;width:80%;height:40%");
    assert.match(html, /<img src="\/img\/[0-9a-f]+\/\d+\.jpg"[^>]* width="1000" height="1500" class="zoom__img" fetchpriority="high"/);
    const issue = read("pics/2024/03/05/index.html");
    assert.match(issue, /<ol class="page-thumbs">/);
    assert.match(issue, /<li><a href="\/pics\/2024\/03\/05\/01\/"><picture>/);
  });

  it("warns about a photo without a caption and a caption without a photo, with file and line, and about each bad image", () => {
    const report = read("report/index.html");
    for (const needle of [
      "content/pics/2024/03/05/01/d.jpg:1",
      "photo-without-caption",
      "content/pics/2024/03/05/01.yml:8",
      "bad-zone",
      "content/pics/2024/03/05/02/1-corrupt.jpg:1",
      "image-unreadable",
      "content/pics/2024/03/05/02/2-truncated.jpg:1",
      "image-damaged",
      "content/pics/2024/03/05/03.pdf:1",
      "content/pics/2024/03/05/04.webp:1",
      "orphan-facsimile",
    ])
      assert.ok(report.includes(needle), needle);
    // The corrupt photo was matched to the first caption of page 2: that caption is left without a photo.
    const { html } = articleHtml("第二版的新闻标题");
    assert.equal((html.match(/<figure class="photo">/g) ?? []).length, 4);
    assert.match(html, /<figure class="caption"><figcaption>▲第一张照片的说明文字。<\/figcaption><\/figure>/);
    // No photos on page 3: its captions stay plain captions, without warnings.
    assert.ok(!/content\/pics\/2024\/03\/05\/03\.txt:\d+<\/[^>]+>\s*<[^>]+>\s*warning/.test(report));
    assert.ok(!report.includes("03.txt:7"));
  });

  it("names the caption line of a caption without a photo", async () => {
    // A page with one photo for three captions.
    const { loadArchive } = await import("../../src/archive/index.ts");
    const c2 = join(root, "c2");
    cpSync(content, c2, { recursive: true });
    const d = join(c2, "pics", "2024", "03", "05");
    rmSync(join(d, "01.yml"));
    for (const n of ["b.webp", "c.png", "d.jpg"]) rmSync(join(d, "01", n));
    const a = loadArchive({ contentDir: c2 });
    const w = a.warnings.filter((x) => x.code === "caption-without-photo" && x.file.endsWith("05/01.txt"));
    assert.deepEqual(w.map((x) => x.line), [9, 11]);
    assert.equal(a.articles.find((x) => x.headline.text === "标题一号新闻来了")!.photos.length, 1);
  });

  it("writes the renditions into /img/ only once each", () => {
    const dirs = readdirSync(join(out, "img"));
    assert.equal(new Set(dirs).size, dirs.length);
    assert.ok(dirs.length >= 7, `${dirs.length} renditions`);
  });
});
