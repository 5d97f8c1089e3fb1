// Opens pages of a site in headless Chromium at each width given, as readers on a desktop and
// on a phone would, and takes a full-page screenshot of each. Serves ROOT itself over HTTP on
// 127.0.0.1 (a random port), so pages load as they would from a web server.
//
//   node tools/browser/check-pages.mjs ROOT OUT_DIR WIDTHS PAGE...
//
// WIDTHS is a comma-separated list (1280,400); each PAGE is a path under ROOT. Screenshots are
// written to OUT_DIR as PAGE-WIDTH.png, with the page's slashes turned into dashes. Prints one
// JSON object per line, per page and width: {"page", "width", "status", "console", "errors",
// "outside", "scrollWidth", "mainScrollWidth", "mainWidth", "wide"}. "outside" lists requests
// that left the local server; "wide" names up to five elements of the main content wider than
// it. Needs playwright-core and Chromium (tools/browser/install.sh).
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { launch } from "./chromium.mjs";

const [root, outDir, widthList, ...pages] = process.argv.slice(2);
if (!root || !outDir || !widthList || pages.length === 0) {
  console.error("usage: node tools/browser/check-pages.mjs ROOT OUT_DIR WIDTHS PAGE...");
  process.exit(2);
}
const widths = widthList.split(",").map(Number);
if (widths.some((w) => !Number.isInteger(w) || w < 200 || w > 4000)) {
  console.error(`error: widths must be whole numbers of pixels from 200 to 4000, not ${widthList}`);
  process.exit(2);
}
const base = resolve(root);
const types = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".ico": "image/x-icon",
};
const server = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url, "http://localhost").pathname);
  let file = normalize(join(base, path));
  if (file !== base && !file.startsWith(base + sep)) {
    response.writeHead(403).end();
    return;
  }
  if (path.endsWith("/")) file = join(file, "index.html");
  try {
    const body = await readFile(file);
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, "127.0.0.1", done));
const origin = `http://127.0.0.1:${server.address().port}`;
await mkdir(outDir, { recursive: true });

let status = 0;
const { context, close } = await launch();
try {
  for (const width of widths) {
    for (const path of pages) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const seen = { page: path, width, console: [], errors: [], outside: [] };
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") seen.console.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => seen.errors.push(e.message));
      page.on("request", (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) seen.outside.push(r.url());
      });
      const answer = await page.goto(`${origin}/${path}`, { waitUntil: "load" });
      seen.status = answer?.status() ?? 0;
      Object.assign(seen, await page.evaluate(() => {
        const main = document.querySelector("main") ?? document.body;
        const limit = main.getBoundingClientRect().right + 1;
        const wide = [...main.querySelectorAll("*")]
          // Wider than the column, or holding text (a long word) that runs out of its box.
          .filter((e) => e.getBoundingClientRect().right > limit ||
            (getComputedStyle(e).overflowX === "visible" && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0))
          // An element inside a box that scrolls on its own does not widen the page.
          .filter((e) => {
            for (let p = e.parentElement; p && p !== main; p = p.parentElement) {
              const overflow = getComputedStyle(p).overflowX;
              if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return false;
            }
            return true;
          })
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}${e.className ? "." + String(e.className).split(" ").join(".") : ""}: ${e.textContent.trim().slice(0, 60)}`);
        return {
          scrollWidth: document.documentElement.scrollWidth,
          mainScrollWidth: main.scrollWidth,
          mainWidth: main.clientWidth,
          wide,
        };
      }));
      const name = path.replace(/[\\/]/g, "-").replace(/\.html$/, "");
      await page.screenshot({ path: join(outDir, `${name}-${width}.png`), fullPage: true });
      await page.close();
      process.stdout.write(JSON.stringify(seen) + "\n");
    }
  }
} catch (e) {
  console.error(`error: ${e.message}`);
  status = 1;
} finally {
  await close();
  server.close();
}
process.exitCode = status;
