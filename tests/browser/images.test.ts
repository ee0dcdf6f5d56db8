// Facsimiles and photos in Chromium over the built _site/ (npm run build): zoom and pan of the page
// view's facsimile by keyboard and by its buttons, the zones reached by Tab and opening their article,
// no layout shift on the article and page views (the sum of 'layout-shift' entries under 0.05), and
// photos below the fold not fetched before the reader scrolls to them.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launch, openPage } from "../helpers/browser.ts";
import { serveStatic, type StaticServer } from "../helpers/static-server.ts";
import { readRecords, SAMPLE_HEADLINE } from "../helpers/site-records.ts";

const SITE = "_site";
const PAGE_URL = "/glrb/2023/01/13/01/";

let server: StaticServer;
let browser: Browser;

interface Rec {
  url: string;
  headline: { text: string };
}
const records = readRecords<Rec>(SITE);
const sample = () => records.find((r) => r.headline.text === SAMPLE_HEADLINE)!;

before(async () => {
  assert.ok(existsSync(join(SITE, "img")), "run `npm run build` first: the browser tests read _site/ (with its /img/ renditions)");
  server = await serveStatic(SITE);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(width = 1280, height = 800): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser, width, height);
  // Every layout shift from the first paint on, as Chromium reports it (CLS counts shifts without recent input).
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number; __shifts: string[] };
    w.__shift = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
        if (e.hadRecentInput) continue;
        w.__shift += e.value;
        w.__shifts.push(`${e.value.toFixed(4)} ${(e.sources ?? []).map((s) => (s.node as Element | undefined)?.className ?? s.node?.nodeName).join(",")}`);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  return { page, errors };
}

const scale = (page: Page) => page.locator("[data-zoom]").getAttribute("data-scale");

describe("the page view's facsimile", () => {
  it("zooms and pans by keyboard, and the buttons and the level say so", async () => {
    const { page, errors } = await open();
    await page.goto(`${server.url}${PAGE_URL}`);
    const box = page.locator("[data-zoom]");
    assert.equal(await box.getAttribute("tabindex"), "0");
    assert.ok(await box.getAttribute("aria-describedby"));
    await box.focus();
    await page.keyboard.press("+");
    await page.keyboard.press("+");
    assert.equal(await scale(page), "1.56");
    assert.equal(await page.locator(".zoom__level").innerText(), "156%");
    const layer = page.locator(".zoom__layer");
    const before = await layer.evaluate((el) => getComputedStyle(el).transform);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    const moved = await layer.evaluate((el) => getComputedStyle(el).transform);
    assert.notEqual(moved, before, "the arrows pan the zoomed facsimile");
    // Zoomed in, the image asks for a wider rendition.
    assert.match((await page.locator(".zoom__img").getAttribute("sizes")) ?? "", /^\d+px$/);
    await page.keyboard.press("-");
    assert.equal(await scale(page), "1.25");
    await page.keyboard.press("0");
    assert.equal(await scale(page), "1.00");
    await page.getByRole("button", { name: "放大" }).click();
    assert.equal(await scale(page), "1.25");
    await page.getByRole("button", { name: "复原" }).click();
    assert.equal(await scale(page), "1.00");
    // The mouse: Ctrl + wheel zooms in where the pointer is.
    const r = (await box.boundingBox())!;
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 3);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -100);
    await page.keyboard.up("Control");
    assert.ok(Number(await scale(page)) > 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("pans by mouse drag without opening the zone the drag ends on, and zooms by pinch on a touch screen", async () => {
    const { page, errors } = await open();
    await page.goto(`${server.url}${PAGE_URL}`);
    const box = page.locator("[data-zoom]");
    await box.dblclick({ position: { x: 40, y: 40 } });
    await page.waitForFunction(() => document.querySelector("[data-zoom]")?.getAttribute("data-scale") === "2.00", null, { timeout: 3000 });
    const layer = page.locator(".zoom__layer");
    const before = await layer.evaluate((el) => getComputedStyle(el).transform);
    const r = (await box.boundingBox())!;
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.mouse.down();
    await page.mouse.move(r.x + r.width / 2 - 80, r.y + r.height / 2 - 120, { steps: 6 });
    await page.mouse.up();
    assert.notEqual(await layer.evaluate((el) => getComputedStyle(el).transform), before);
    assert.match(page.url(), /\/glrb\/2023\/01\/13\/01\/$/, "the drag opened no article");
    await page.keyboard.press("0");
    await page.close();

    // Touch: two fingers moving apart (Chrome DevTools Protocol touch events, as a phone sends them).
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true, isMobile: true });
    const phone = await context.newPage();
    await phone.goto(`${server.url}${PAGE_URL}`);
    const b = (await phone.locator("[data-zoom]").boundingBox())!;
    const cdp = await context.newCDPSession(phone);
    const cx = b.x + b.width / 2;
    const cy = b.y + Math.min(b.height, 600) / 2;
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", d: number) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: type === "touchEnd" ? [] : [
          { x: cx - d, y: cy, id: 1 },
          { x: cx + d, y: cy, id: 2 },
        ],
      });
    await touch("touchStart", 30);
    for (let d = 40; d <= 120; d += 10) await touch("touchMove", d);
    await touch("touchEnd", 0);
    await phone.waitForFunction(() => Number(document.querySelector("[data-zoom]")?.getAttribute("data-scale")) > 2, null, { timeout: 3000 });
    await context.close();
    assert.deepEqual(errors, []);
  });

  it("has zones reached by Tab that open their articles", async () => {
    const { page, errors } = await open();
    await page.goto(`${server.url}${PAGE_URL}`);
    await page.locator("[data-zoom]").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => ({ cls: document.activeElement?.className, href: document.activeElement?.getAttribute("href") }));
    assert.equal(focused.cls, "zone");
    assert.equal(focused.href, sample().url);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**${sample().url}`);
    assert.equal((await page.locator("h1.headline").innerText()).trim(), "创新品牌赋动能");
    assert.deepEqual(errors, []);
    await page.close();
  });
});

describe("images", () => {
  for (const [name, url] of [
    ["article", () => sample().url],
    ["page", () => PAGE_URL],
    ["issue", () => "/glrb/2023/01/13/"],
  ] as const) {
    for (const width of [1280, 360]) {
      it(`shift nothing on the ${name} view at ${width} px (layout-shift sum < 0.05)`, async () => {
        const { page, errors } = await open(width, 800);
        await page.goto(`${server.url}${url()}`);
        await page.waitForLoadState("networkidle");
        // Scroll down the whole page in steps, letting lazy images arrive.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0; y < height; y += 600) {
          await page.mouse.wheel(0, 600);
          await page.waitForTimeout(60);
        }
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(200);
        const { shift, shifts } = await page.evaluate(() => {
          const w = window as unknown as { __shift: number; __shifts: string[] };
          return { shift: w.__shift, shifts: w.__shifts };
        });
        assert.ok(shift < 0.05, `layout shift ${shift.toFixed(4)}: ${shifts.join("; ")}`);
        // Every image of the page arrived with its box reserved.
        const unsized = await page.$$eval("main img", (imgs) => imgs.filter((i) => !i.getAttribute("width") || !i.getAttribute("height")).map((i) => i.outerHTML.slice(0, 80)));
        assert.deepEqual(unsized, []);
        assert.deepEqual(errors, []);
        await page.close();
      });
    }
  }

  it("fetches an article's photos below the fold only when the reader scrolls to them", async () => {
    const { page, errors } = await open(1280, 800);
    const fetched: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/img/")) fetched.push(new URL(r.url()).pathname);
    });
    // How far down the sample's photos start depends on the machine's fonts (without a CJK font, 1,818
    // px at this size on one Chromium, beyond 2,500 on another), and a photo within Chromium's lazy-load
    // margin is fetched at once, as it should be. A spacer before the article's body, set before the
    // first layout, puts them beyond that margin whatever the fonts, as a long article's would be.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.head) return;
        const style = document.createElement("style");
        style.textContent = ".article__body::before { content: ''; display: block; height: 3000px; }";
        document.head.append(style);
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${server.url}${sample().url}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    const photos = page.locator("figure.photo img");
    assert.equal(await photos.count(), 5);
    const folders = (await photos.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).getAttribute("src")!))).map((s) => s.replace(/[^/]+$/, ""));
    const top = await page.locator("figure.photo").first().evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top > 2500, `the photos start ${top}px down: below the fold and beyond Chromium's lazy-load margin`);
    assert.deepEqual(fetched.filter((u) => folders.some((f) => u.startsWith(f))), [], "no photo fetched before scrolling");
    await page.locator("figure.photo").last().scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle");
    await page.waitForFunction(() => [...document.querySelectorAll("figure.photo img")].every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0));
    const got = fetched.filter((u) => folders.some((f) => u.startsWith(f)));
    assert.ok(got.length >= 5, `fetched after scrolling: ${got.join(", ")}`);
    // The browser took the best format it knows: AVIF.
    assert.ok(got.every((u) => u.endsWith(".avif")), got.join(", "));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
