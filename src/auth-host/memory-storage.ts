/**
 * MSAL's redirect flow needs sessionStorage (its temporary state, PKCE verifier) and refuses memoryStorage.
 * Chromium may write a page's Web Storage to the profile on disk, so this document replaces both Storage
 * objects with in-memory ones before MSAL loads: tokens and sign-in state live only as long as the auth host.
 * Imported first by the auth host, so it runs before any MSAL code.
 */
class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.has(key) ? this.map.get(key)! : null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, String(value));
  }
}

for (const name of ['sessionStorage', 'localStorage'] as const)
  Object.defineProperty(window, name, {
    value: new MemoryStorage(),
    configurable: true,
    enumerable: true,
    writable: false,
  });

export {};
