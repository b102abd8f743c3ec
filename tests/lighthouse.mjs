// Lighthouse (mobile) on each URL given, one after the other in one Debian chromium, so that
// Chromium and Lighthouse start once. Used by tests/test_lighthouse.py and bench/bench_lighthouse.py.
//
//   CHROME_PATH=/usr/bin/chromium CHROME_FLAGS="--headless ..." \
//     node tests/lighthouse.mjs '{"categories": [...], "audits": [...], "quietMs": 500}' URL...
//
// Prints one JSON line per URL: each category's score (0 to 1), each audit named in "audits"
// with its numeric value, and the audits that lost points, with their titles.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [optionsJson, ...urls] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const quiet = options.quietMs
  ? { pauseAfterFcpMs: options.quietMs, pauseAfterLoadMs: options.quietMs,
      networkQuietThresholdMs: options.quietMs, cpuQuietThresholdMs: options.quietMs }
  : {};

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: (process.env.CHROME_FLAGS || "").split(" ").filter(Boolean),
});
try {
  for (const url of urls) {
    const { lhr } = await lighthouse(url, {
      port: chrome.port, logLevel: "error", output: "json", formFactor: "mobile",
      onlyCategories: options.categories, onlyAudits: options.audits || [],
      disableFullPageScreenshot: true, ...quiet,
    });
    const categories = {};
    const failing = [];
    for (const [id, category] of Object.entries(lhr.categories)) {
      categories[id] = category.score;
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          failing.push({ category: id, id: ref.id, title: audit.title });
        }
      }
    }
    const audits = Object.fromEntries(
      (options.audits || []).map((id) => [id, lhr.audits[id].numericValue]));
    console.log(JSON.stringify({ url, finalUrl: lhr.finalDisplayedUrl, categories, audits, failing,
                                 runWarnings: lhr.runWarnings }));
  }
} finally {
  chrome.kill();
}
