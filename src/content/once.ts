/**
 * The service worker may inject a content script into the same document more than once (the page finished
 * loading, and the job naming the tab was written). Each script's start runs once per document: an injection
 * while the first is still asking the worker only makes it ask once more (the job may have been written in
 * between), and one that finds the script running does nothing. The mark lives in the extension's isolated
 * world, which the page cannot see.
 */
interface Slot {
  running: boolean;
  again: boolean;
}

const GLOBAL = '__passkeyProvisionerScripts';

/** `start` asks the worker for its job and starts on one; it resolves to whether it started. */
export async function oncePerDocument(name: string, start: () => Promise<boolean>): Promise<void> {
  const g = globalThis as unknown as Record<string, Record<string, Slot> | undefined>;
  const slots = (g[GLOBAL] ??= {});
  const slot = slots[name];
  if (slot) {
    slot.again = !slot.running;
    return;
  }
  const mine: Slot = { running: false, again: false };
  slots[name] = mine;
  do {
    mine.again = false;
    if (await start()) {
      mine.running = true;
      return;
    }
  } while (mine.again);
  delete slots[name];
}
