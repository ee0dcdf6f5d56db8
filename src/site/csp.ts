// The Content-Security-Policy of every page: nothing but this site's own scripts, styles, images and
// data; no inline script; no third-party origin. Pagefind needs WebAssembly ('wasm-unsafe-eval') and
// runs a worker; inline style attributes stay allowed because layouts size boxes with them (aspect
// ratios, zones), which runs no code.
const DIRECTIVES: [string, string][] = [
  ["default-src", "'self'"],
  ["script-src", "'self' 'wasm-unsafe-eval'"],
  ["style-src", "'self' 'unsafe-inline'"],
  ["img-src", "'self' data: blob:"],
  ["font-src", "'self'"],
  ["connect-src", "'self'"],
  ["worker-src", "'self' blob:"],
  ["object-src", "'none'"],
  ["base-uri", "'self'"],
  ["form-action", "'self'"],
];

/** For the <meta http-equiv> of each page (frame-ancestors cannot be set there). */
export const CSP_META = DIRECTIVES.map(([k, v]) => `${k} ${v}`).join("; ");
/** For hosts that read a _headers file (Netlify, Cloudflare Pages): the same policy, and no framing by others. */
export const CSP_HEADER = `${CSP_META}; frame-ancestors 'self'`;
