import { startFakeCloud } from '../fake-cloud/index.ts';
import { launch } from '../support/browser.ts';
import { configure, searchAndOpen, signIn } from '../support/pages.ts';
import { ADMIN, PASSWORD, TENANT, upn } from '../support/fixtures.ts';

const fake = await startFakeCloud({ userCount: 300 });
const h = await launch({ resolverRules: fake.resolverRules, headless: true });
try {
  await (await configure(h, TENANT)).close();
  const w = await h.worker();
  const pp = h.context.waitForEvent('page', { predicate: (p) => p.url().includes('/src/popup/') });
  await w.evaluate(`chrome.windows.create({ url: chrome.runtime.getURL('src/popup/index.html'), type: 'popup', width: 400, height: 600, focused: true })`);
  const popup = await pp;
  await signIn(h, popup, ADMIN, PASSWORD);
  await w.evaluate(`(() => {
    const g = self;
    g.__log = [];
    const wrap = (obj, name, label) => {
      const orig = obj[name].bind(obj);
      obj[name] = async (...a) => {
        const s = performance.now();
        try { return await orig(...a); } finally { g.__log.push(label + ' ' + Math.round(s) + '→' + Math.round(performance.now()) + (label === 'fetch' ? ' ' + String(a[0]?.url ?? a[0]).slice(0, 90) : '')); }
      };
    };
    wrap(self, 'fetch', 'fetch');
    wrap(chrome.storage.session, 'set', 'session.set');
    wrap(chrome.storage.session, 'get', 'session.get');
    wrap(chrome.storage.local, 'get', 'local.get');
    wrap(chrome.tabs, 'update', 'tabs.update');
    wrap(chrome.tabs, 'create', 'tabs.create');
    wrap(chrome.windows, 'update', 'windows.update');
    wrap(chrome.tabs, 'sendMessage', 'tabs.sendMessage');
    chrome.runtime.onMessage.addListener((m) => { g.__log.push('msg ' + m?.type + ' ' + Math.round(performance.now())); return false; });
  })()`);
  for (const nick of ['meganb', 'leeg', 'diegos', 'isaiahl']) {
    await searchAndOpen(popup, nick, upn(nick));
    await popup.getByRole('list', { name: 'Readiness checks' }).waitFor();
    await popup.getByRole('radio', { name: 'Automatic' }).check();
    await h.swapKey({});
    await w.evaluate('self.__log = ["start " + Math.round(performance.now())]');
    const T0 = Date.now();
    await popup.getByRole('button', { name: 'Provision passkey' }).click();
    try { await popup.getByRole('status').filter({ hasText: /Passkey registered for/ }).waitFor({ timeout: 8000 }); } catch {
      console.log('TIMEOUT', nick, JSON.stringify(await w.evaluate(`chrome.storage.session.get(['job.current', 'ceremony.tab'])`)).slice(0, 800));
      console.log(h.context.pages().map((p) => p.url()));
      console.log(JSON.stringify(await w.evaluate(`chrome.tabs.query({}).then(ts => ts.map(t => ({ id: t.id, url: t.url, pending: t.pendingUrl, status: t.status, win: t.windowId, active: t.active })))`)));
      for (const p of h.context.pages()) if (p.url().includes('robots')) console.log('TEXT', await h.pageText(p));
    }
    for (const e of fake.requests.entries.filter((e) => e.time >= T0)) console.log(`  FAKE ${e.time - T0} +${e.durationMs} ${e.method} ${e.host}${e.path.slice(0, 80)} ${e.status}`);
    console.log(nick, '\n  ' + ((await w.evaluate('self.__log')) as string[]).join('\n  '));
  }
} finally {
  await h.close();
  await fake.close();
}
