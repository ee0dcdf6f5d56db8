// Zoom and pan of a page facsimile ([data-zoom]): keyboard (+ / − / 0, arrow keys), mouse (Ctrl + wheel,
// double click, drag, and the wheel alone once zoomed in), touch (pinch; drag when zoomed in) and the
// buttons beside it. The layer is moved with a CSS transform, so nothing around it shifts; when zoomed
// in, the image's `sizes` grow so that the browser fetches a sharper rendition.
const MIN = 1;
const MAX = 6;
const STEP = 1.25;

for (const box of document.querySelectorAll("[data-zoom]")) setup(box);

function setup(box) {
  const layer = box.querySelector(".zoom__layer");
  const figure = box.closest(".facsimile") ?? box.parentElement;
  const level = figure.querySelector(".zoom__level");
  const sized = [...layer.querySelectorAll("img[sizes], source[sizes]")];
  let s = 1;
  let x = 0;
  let y = 0;
  let widest = 0;

  const clampNum = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  function apply() {
    const w = box.clientWidth;
    const h = box.clientHeight;
    x = clampNum(x, w - w * s, 0);
    y = clampNum(y, h - h * s, 0);
    layer.style.transform = s === 1 ? "" : `translate(${x}px, ${y}px) scale(${s})`;
    box.dataset.scale = s.toFixed(2);
    box.classList.toggle("is-zoomed", s > 1);
    if (level) level.textContent = `${Math.round(s * 100)}%`;
    const want = Math.ceil(w * s);
    if (s > 1 && want > widest) {
      widest = want;
      for (const el of sized) el.setAttribute("sizes", `${want}px`);
    }
  }
  /** Zooms by `factor` keeping the point (cx, cy) of the box where it is. */
  function zoomAt(factor, cx = box.clientWidth / 2, cy = box.clientHeight / 2) {
    const ns = clampNum(s * factor, MIN, MAX);
    x = cx - (cx - x) * (ns / s);
    y = cy - (cy - y) * (ns / s);
    s = ns;
    apply();
  }
  function reset() {
    s = 1;
    x = 0;
    y = 0;
    apply();
  }
  const point = (e) => {
    const r = box.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  box.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const pan = box.clientWidth * 0.1;
    const keys = {
      "+": () => zoomAt(STEP),
      "=": () => zoomAt(STEP),
      "-": () => zoomAt(1 / STEP),
      _: () => zoomAt(1 / STEP),
      0: reset,
      ArrowLeft: () => ((x += pan), apply()),
      ArrowRight: () => ((x -= pan), apply()),
      ArrowUp: () => ((y += pan), apply()),
      ArrowDown: () => ((y -= pan), apply()),
    };
    const act = keys[e.key];
    // The arrows scroll the page as usual while the facsimile is not zoomed in.
    if (!act || (e.key.startsWith("Arrow") && s === 1)) return;
    e.preventDefault();
    act();
  });

  box.addEventListener(
    "wheel",
    (e) => {
      if (!e.ctrlKey && !e.metaKey && s === 1) return;
      e.preventDefault();
      zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, ...point(e));
    },
    { passive: false },
  );
  box.addEventListener("dblclick", (e) => {
    e.preventDefault();
    zoomAt(e.shiftKey ? 1 / 2 : 2, ...point(e));
  });

  // Pointers: one drags (pans when zoomed in, scrolls the page otherwise), two pinch.
  const pointers = new Map();
  let moved = 0;
  let pinch = null;
  box.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    pointers.set(e.pointerId, point(e));
    if (pointers.size === 1) moved = 0;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a[0] - b[0], a[1] - b[1]), s };
    }
  });
  box.addEventListener("pointermove", (e) => {
    const prev = pointers.get(e.pointerId);
    if (!prev) return;
    const now = point(e);
    pointers.set(e.pointerId, now);
    if (pointers.size === 2 && pinch) {
      const [a, b] = [...pointers.values()];
      const d = Math.hypot(a[0] - b[0], a[1] - b[1]);
      if (pinch.d > 0) zoomAt((pinch.s * d) / pinch.d / s, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
      moved += 10;
      return;
    }
    const dx = now[0] - prev[0];
    const dy = now[1] - prev[1];
    moved += Math.abs(dx) + Math.abs(dy);
    if (moved > 4 && !box.hasPointerCapture(e.pointerId)) box.setPointerCapture(e.pointerId);
    if (s > 1) {
      x += dx;
      y += dy;
      apply();
    } else if (e.pointerType === "touch") window.scrollBy(0, -dy);
  });
  const up = (e) => {
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
  };
  box.addEventListener("pointerup", up);
  box.addEventListener("pointercancel", up);
  // A drag does not open the zone it ends on.
  box.addEventListener(
    "click",
    (e) => {
      if (moved > 4) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    true,
  );
  box.addEventListener("dragstart", (e) => e.preventDefault());

  figure.querySelector("[data-zoom-in]")?.addEventListener("click", () => zoomAt(STEP));
  figure.querySelector("[data-zoom-out]")?.addEventListener("click", () => zoomAt(1 / STEP));
  figure.querySelector("[data-zoom-reset]")?.addEventListener("click", reset);
  // A zone reached by Tab while zoomed in is brought into view.
  box.addEventListener("focusin", (e) => {
    const zone = e.target.closest?.(".zone");
    if (!zone || s === 1) return;
    const w = box.clientWidth;
    const h = box.clientHeight;
    const zx = (parseFloat(zone.style.left) / 100) * w;
    const zy = (parseFloat(zone.style.top) / 100) * h;
    x = -zx * s + w * 0.05;
    y = -zy * s + h * 0.05;
    apply();
    box.scrollLeft = 0;
    box.scrollTop = 0;
  });
  window.addEventListener("resize", apply);
}
