/** Provisioning jobs (filled in by the provisioning modes). */
export function registerJobHandlers() {}
export async function resumeJobs() {}
