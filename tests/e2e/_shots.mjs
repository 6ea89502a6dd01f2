import { startRelay, launchBrowser, cuttableSignedIn } from './harness.mjs';
const relay = await startRelay({ demo: true });
const browser = await launchBrowser();
try {
  for (const english of [false, true]) {
    for (const who of ['damiao liaison', 'damiao station_head']) {
      const d = await cuttableSignedIn(browser, relay, relay.logins[who], '/community', { english, viewport: { width: 390, height: 844 } });
      await d.page.getByTestId('wb-summary').waitFor();
      for (const id of ['wb-responses', 'wb-reports', 'wb-patrols', 'wb-outreach', 'wb-workload']) {
        const el = d.page.getByTestId(id);
        if (id === 'wb-patrols') await el.getByTestId('new-patrol').click();
        if (id === 'wb-responses') await el.getByTestId('new-response').click();
        await el.screenshot({ path: `/tmp/shots/${who.replace(' ', '-')}-${english ? 'en' : 'zh'}-${id}.png` });
      }
      if (who === 'damiao station_head') {
        await d.page.getByTestId('case-row').first().getByTestId('case-file-link').click();
        await d.page.getByTestId('case-file').waitFor();
        await d.page.screenshot({ path: `/tmp/shots/case-file-${english ? 'en' : 'zh'}.png`, fullPage: true });
      }
      await d.context.close();
    }
  }
} finally { await browser.close(); await relay.stop(); }
