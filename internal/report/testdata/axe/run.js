// Test-only: opens each HTML report in headless Chromium at 1280 and 320 px,
// runs axe-core with its default rules (WCAG 2.x A/AA and best practices)
// and measures reflow. Prints one JSON object; exits 1 on any violation or
// sideways page scroll, 2 when it cannot run. Used by axe_test.go and by
// ./run.sh for CI.
//
//   node run.js FILE.html...      (CHROMIUM=/path/to/chromium to override)
const fs = require('fs');
const path = require('path');
let chromium, axeSource;
try {
  chromium = require('playwright-core').chromium;
  axeSource = require('axe-core').source;
} catch (e) {
  console.error('missing npm modules: run npm install in ' + __dirname);
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

(async () => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node run.js FILE.html...');
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  const results = [];
  let failed = false;
  for (const file of files) {
    for (const width of [1280, 320]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto('file://' + path.resolve(file));
      await page.addScriptTag({ content: axeSource });
      const axe = await page.evaluate(async () => {
        const r = await window.axe.run(document);
        return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) , count: v.nodes.length }));
      });
      const scrollWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
      const reflow = width > 320 || scrollWidth <= 320;
      if (axe.length > 0 || !reflow) failed = true;
      results.push({ file: path.basename(file), width, violations: axe, scrollWidth, reflow });
      await page.close();
    }
  }
  await browser.close();
  console.log(JSON.stringify(results, null, 1));
  process.exit(failed ? 1 : 0);
})().catch(e => { console.error(e); process.exit(2); });
