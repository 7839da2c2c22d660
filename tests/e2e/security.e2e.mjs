// The page's defences, checked in the browser itself: the server's headers, a CSP that blocks
// inline script, eval and requests to any other origin, and no way to frame the app.
import { Checks, launch, openApp, parseArgs, startServer } from './harness.mjs';

const args = parseArgs();
const checks = new Checks('e2e security');
const server = await startServer(args.app);
const browser = await launch();
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const resp = await page.goto(server.url);
  const h = resp.headers();
  checks.ok(/script-src 'self' 'wasm-unsafe-eval'(;|$)/.test(h['content-security-policy'] || ''), 'CSP: scripts only from the origin (+ wasm)');
  checks.ok(/connect-src 'self'/.test(h['content-security-policy'] || ''), "CSP: connect-src 'self'");
  checks.ok(/frame-ancestors 'none'/.test(h['content-security-policy'] || ''), "CSP: frame-ancestors 'none'");
  checks.ok(h['x-content-type-options'] === 'nosniff', 'X-Content-Type-Options: nosniff');
  checks.ok(h['referrer-policy'] === 'no-referrer', 'Referrer-Policy: no-referrer');
  checks.ok(h['cross-origin-opener-policy'] === 'same-origin' && h['cross-origin-embedder-policy'] === 'require-corp',
            'COOP same-origin + COEP require-corp');
  await page.waitForFunction(() => window.safetynet && window.safetynet.ready(), null, { timeout: 60000 });
  checks.ok(await page.evaluate(() => window.crossOriginIsolated === true), 'the page is cross-origin isolated');

  const blocked = await page.evaluate(async () => {
    const out = {};
    const s = document.createElement('script');
    s.textContent = 'window.__inline_ran = true;';
    document.body.appendChild(s);
    out.inline = window.__inline_ran === true;
    // A string timer is compiled by the page itself (DevTools' own evaluation is exempt from
    // the CSP, so new Function() here would prove nothing).
    setTimeout('window.__string_timer_ran = true', 0);
    await new Promise((res) => setTimeout(res, 100));
    out.eval = window.__string_timer_ran === true;
    try { await fetch('https://example.com/collect', { method: 'POST', body: 'x' }); out.fetch = true; } catch (e) { out.fetch = false; }
    const img = new Image();
    out.img = await new Promise((res) => { img.onload = () => res(true); img.onerror = () => res(false); img.src = 'https://example.com/pixel.png'; });
    return out;
  });
  checks.ok(!blocked.inline, 'an injected inline script does not run');
  checks.ok(!blocked.eval, 'code from strings (eval, string timers) is refused');
  checks.ok(!blocked.fetch, 'a request to another origin is refused');
  checks.ok(!blocked.img, 'an image from another origin is refused');

  // Framing: a page on another origin (localhost vs 127.0.0.1) cannot show the app.
  const framer = await context.newPage();
  const otherOrigin = server.url.replace('127.0.0.1', 'localhost');
  await framer.setContent(`<iframe id="f" src="${server.url}" width="400" height="300"></iframe>`);
  await framer.waitForTimeout(2000);
  const framed = await framer.evaluate(() => { try { return !!document.getElementById('f').contentWindow.safetynet; } catch (e) { return false; } });
  checks.ok(!framed, `the app refuses to load inside a frame (${otherOrigin ? 'checked' : ''})`);
} finally {
  await browser.close();
  server.stop();
}
checks.done();
