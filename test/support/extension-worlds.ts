/**
 * Whether the extension has a content script in a page: its scripts run in an isolated world whose execution
 * context CDP reports with the extension's origin. Observes the script itself, not what it draws.
 */
import type { Page } from 'playwright-core';
import type { Harness } from './browser.ts';

interface ExecutionContext {
  origin: string;
  name: string;
  auxData?: { type?: string; frameId?: string };
}

/** The extension's isolated worlds in the page (all frames) right now. */
export async function extensionWorlds(h: Harness, page: Page): Promise<ExecutionContext[]> {
  const cdp = await h.context.newCDPSession(page);
  const seen: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: ExecutionContext }) => seen.push(e.context));
  await cdp.send('Runtime.enable'); // reports the contexts that exist
  await cdp.send('Runtime.disable');
  await cdp.detach();
  return seen.filter((c) => c.origin === `chrome-extension://${h.extensionId}`);
}
