/**
 * One alarm per job (`job:<id>`), created before anything that must be undone and cleared last: it wakes a worker
 * every 30 s while the job lasts, so the reconciler can end a job whose worker died even when no page is open,
 * and ends a guided job at its pass's deadline.
 */
const PREFIX = 'job:';
export const watchdogName = (jobId: string) => `${PREFIX}${jobId}`;
export const isWatchdog = (name: string) => name.startsWith(PREFIX);

export const armWatchdog = (jobId: string) =>
  chrome.alarms.create(watchdogName(jobId), { periodInMinutes: 0.5, delayInMinutes: 0.5 });

export const clearWatchdog = (jobId: string) => chrome.alarms.clear(watchdogName(jobId)).then(() => undefined);

/** Alarms of jobs other than `keep` (ended long ago, or lost with a worker). */
export async function clearOtherWatchdogs(keep: string | null) {
  const all = await chrome.alarms.getAll();
  await Promise.all(
    all
      .filter((a) => isWatchdog(a.name) && a.name !== (keep && watchdogName(keep)))
      .map((a) => chrome.alarms.clear(a.name)),
  );
}
