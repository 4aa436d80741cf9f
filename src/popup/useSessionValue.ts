import { useEffect, useState } from 'preact/hooks';

/** Follows one chrome.storage.session key, so the popup shows progress made while it was closed. */
export function useSessionValue<T>(key: string, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let alive = true;
    chrome.storage.session.get(key).then((s) => alive && key in s && setValue(s[key] as T));
    const listener = (changes: Record<string, chrome.storage.StorageChange>) => {
      if (key in changes) setValue((changes[key]!.newValue ?? initial) as T);
    };
    chrome.storage.session.onChanged.addListener(listener);
    return () => {
      alive = false;
      chrome.storage.session.onChanged.removeListener(listener);
    };
  }, [key]);
  return value;
}
