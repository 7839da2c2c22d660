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

  // Each attempt is refused, and the proof is the page's own securitypolicyviolation event
  // naming the directive and what it blocked (awaited, not a pause); then the attempt's effect
  // is checked to be absent.
  const blocked = await page.evaluate(async () => {
    const seen = [];
    const waiters = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`);
      for (const w of waiters) w();
    });
    const violation = (directive, uri) => new Promise((resolve) => {
      const found = () => seen.includes(`${directive} ${uri}`);
      const check = () => { if (found()) resolve(true); };
      waiters.push(check);
      check();
      setTimeout(() => resolve(found()), 10000);  // a bound on failure only
    });
    const out = {};
    const s = document.createElement('script');
    s.textContent = 'window.__inline_ran = true;';
    document.body.appendChild(s);
    out.inlineReported = await violation('script-src-elem', 'inline');
    out.inline = window.__inline_ran === true;
    // A string timer is compiled by the page itself (DevTools' own evaluation is exempt from
    // the CSP, so new Function() here would prove nothing).
    setTimeout('window.__string_timer_ran = true', 0);
    out.evalReported = await violation('script-src', 'eval');
    out.eval = window.__string_timer_ran === true;
    try { await fetch('https://example.com/collect', { method: 'POST', body: 'x' }); out.fetch = true; } catch (e) { out.fetch = false; }
    out.fetchReported = await violation('connect-src', 'https://example.com/collect');
    const img = new Image();
    out.img = await new Promise((res) => { img.onload = () => res(true); img.onerror = () => res(false); img.src = 'https://example.com/pixel.png'; });
    out.imgReported = await violation('img-src', 'https://example.com/pixel.png');
    out.seen = seen;
    return out;
  });
  const seen = ` (reported: ${[...new Set(blocked.seen)].join("; ")})`;
  checks.ok(blocked.inlineReported && !blocked.inline, 'an injected inline script is refused and does not run' + seen);
  checks.ok(blocked.evalReported && !blocked.eval, 'code from strings (eval, string timers) is refused');
  checks.ok(blocked.fetchReported && !blocked.fetch, 'a request to another origin is refused');
  checks.ok(blocked.imgReported && !blocked.img, 'an image from another origin is refused');

  // Framing: a page that puts the app in a frame sees the browser refuse it, for the app's own
  // CSP (frame-ancestors 'none'). The test waits for the refusal itself: Chromium fails the
  // frame's document request as blocked by the response, and reports the directive it broke.
  const framer = await context.newPage();
  const refusal = { timeout: 30000 };
  const failed = framer.waitForEvent('requestfailed', { ...refusal, predicate: (r) => r.url() === server.url })
    .then((r) => r.failure().errorText).catch(() => 'no refusal');
  const reported = framer.waitForEvent('console', { ...refusal, predicate: (m) => /frame-ancestors/.test(m.text()) })
    .then((m) => m.text()).catch(() => 'no report');
  await framer.setContent(`<iframe id="f" src="${server.url}" width="400" height="300"></iframe>`);
  const [why, report] = await Promise.all([failed, reported]);
  checks.ok(why === 'net::ERR_BLOCKED_BY_RESPONSE', `the browser blocks the app's page inside a frame (${why})`);
  checks.ok(/frame-ancestors 'none'/.test(report), `because of the app's CSP frame-ancestors 'none' (${report})`);
  const framed = await framer.evaluate(() => { try { return !!document.getElementById('f').contentWindow.safetynet; } catch (e) { return false; } });
  checks.ok(!framed, 'nothing of the app runs in the frame');
} finally {
  await browser.close();
  server.stop();
}
checks.done();
