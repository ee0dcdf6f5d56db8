// The sample archive's pictures, drawn by sharp from SVG shapes (no downloads, no text, nothing of
// unclear licence): a facsimile of every sample page (<NN>.png: the page's articles as blocks of grey
// lines, a headline bar and a photo box each), and a photo for every caption of the sample page
// glrb 2023-01-13 page 1 (01/photo-<n>.jpg: a landscape in flat colours). It prints the articles'
// rectangles as the `zones:` of the page's sidecar.
//
//   node --import tsx scripts/make-sample-images.ts [CONTENT_DIR]     (default: content)
//
// The files are small (a few tens of kB each) and committed; rerunning writes the same bytes.
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { parsePage } from "../src/parse/index.js";

const W = 1200;
const H = 1800;
const MARGIN = 60;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A page's layout: the masthead band, then one band per article, photo box on the right when it has captions. */
export function pageLayout(articles: { captions: number }[]): { header: Box; articles: Box[] } {
  const header: Box = { x: MARGIN, y: MARGIN, w: W - 2 * MARGIN, h: 120 };
  const top = header.y + header.h + 30;
  const n = Math.max(1, articles.length);
  const band = Math.floor((H - MARGIN - top) / n);
  return { header, articles: articles.map((_, i) => ({ x: MARGIN, y: top + i * band, w: W - 2 * MARGIN, h: band - 24 })) };
}

function facsimileSvg(articles: { captions: number }[], seed: number): string {
  const { header, articles: boxes } = pageLayout(articles);
  const parts: string[] = [`<rect width="${W}" height="${H}" fill="#f7f4ec"/>`, `<rect x="${header.x}" y="${header.y}" width="${header.w}" height="${header.h}" fill="#a4161a"/>`];
  parts.push(`<rect x="${header.x}" y="${header.y + header.h + 8}" width="${header.w}" height="4" fill="#222"/>`);
  boxes.forEach((b, i) => {
    parts.push(`<rect x="${b.x}" y="${b.y}" width="${b.w}" height="40" fill="#333"/>`);
    const hasPhoto = articles[i]!.captions > 0;
    const textW = hasPhoto ? Math.round(b.w * 0.6) : b.w;
    if (hasPhoto) parts.push(`<rect x="${b.x + textW + 20}" y="${b.y + 60}" width="${b.w - textW - 20}" height="${Math.min(b.h - 70, 320)}" fill="#8aa6b8"/>`);
    const cols = hasPhoto ? 3 : 5;
    const colW = Math.floor((textW - (cols - 1) * 16) / cols);
    for (let c = 0; c < cols; c++)
      for (let y = b.y + 60, k = 0; y < b.y + b.h - 12; y += 18, k++) {
        const short = (k * 7 + c * 3 + seed) % 11 === 0 ? 0.55 : 1;
        parts.push(`<rect x="${b.x + c * (colW + 16)}" y="${y}" width="${Math.round(colW * short)}" height="8" fill="#9a9a9a"/>`);
      }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${parts.join("")}</svg>`;
}

const PALETTES = [
  ["#9fc5e8", "#5b8c5a", "#2f5d50", "#f6d365"],
  ["#f4d6a0", "#c9785d", "#7d4e57", "#fff3c4"],
  ["#bcd4e6", "#6a994e", "#386641", "#ffffff"],
  ["#d8e2dc", "#9d8189", "#6d597a", "#ffe5d9"],
  ["#caf0f8", "#48cae4", "#0077b6", "#ffd166"],
];

function photoSvg(n: number): string {
  const [sky, hill, hill2, sun] = PALETTES[n % PALETTES.length]!;
  const w = 960;
  const h = 640;
  const peak = (k: number) => 260 + ((n * 37 + k * 53) % 140);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>
<circle cx="${180 + n * 120}" cy="150" r="60" fill="${sun}"/>
<path d="M0 ${h} L0 ${peak(1)} Q 160 ${peak(2) - 120} 320 ${peak(3)} T 640 ${peak(4)} T ${w} ${peak(5)} L ${w} ${h} Z" fill="${hill}"/>
<path d="M0 ${h} L0 ${peak(6) + 140} Q 240 ${peak(7) + 20} 480 ${peak(8) + 150} T ${w} ${peak(9) + 120} L ${w} ${h} Z" fill="${hill2}"/>
</svg>`;
}

/** Every page file of the content folder: [path of the .txt, paper, date, page]. */
function pages(content: string): [string, string, string, string][] {
  const out: [string, string, string, string][] = [];
  const walk = (dir: string, parts: string[]) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, [...parts, name]);
      else if (/^\d{2}\.txt$/.test(name) && parts.length === 4) out.push([p, parts[0]!, parts.slice(1).join("-"), name.slice(0, 2)]);
    }
  };
  walk(content, []);
  return out;
}

/** The sample page whose captions get photos (and whose sidecar gets zones). */
const PHOTO_PAGE = join("glrb", "2023", "01", "13", "01.txt");

export async function makeSampleImages(content = "content"): Promise<string[]> {
  const written: string[] = [];
  let seed = 0;
  for (const [file, paper, date, page] of pages(content)) {
    const parsed = parsePage(readFileSync(file), { path: file, paper, date, page });
    const articles = parsed.articles.map((a) => ({ captions: a.captions.length, id: a.id, headline: a.headline.text }));
    const png = await sharp(Buffer.from(facsimileSvg(articles, seed++)))
      .png({ palette: true, colours: 8, compressionLevel: 9, effort: 10 })
      .toBuffer();
    const out = file.replace(/\.txt$/, ".png");
    writeFileSync(out, png);
    written.push(out);
    if (file.endsWith(PHOTO_PAGE)) {
      const dir = file.replace(/\.txt$/, "");
      mkdirSync(dir, { recursive: true });
      const n = parsed.articles.reduce((k, a) => k + a.captions.length, 0);
      for (let i = 1; i <= n; i++) {
        const jpg = await sharp(Buffer.from(photoSvg(i))).jpeg({ quality: 72, mozjpeg: true }).toBuffer();
        const p = join(dir, `photo-${i}.jpg`);
        writeFileSync(p, jpg);
        written.push(p);
      }
      const boxes = pageLayout(articles).articles;
      console.log(`# zones for ${file.replace(/\.txt$/, ".yml")}:\nzones:`);
      articles.forEach((a, i) => {
        const b = boxes[i]!;
        console.log(`  - article: ${a.headline.replace(/\s+/g, "")}\n    rect: [${b.x}, ${b.y}, ${b.w}, ${b.h}]`);
      });
    }
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await makeSampleImages(process.argv[2] ?? "content");
  for (const f of files) console.log(`${f}\t${statSync(f).size} bytes`);
}
